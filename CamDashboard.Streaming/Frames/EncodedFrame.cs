namespace CamDashboard.Streaming.Frames;

/// <summary>One encoded frame, immutable and shared by every viewer. <see cref="Part"/> is the
/// complete multipart part (boundary, headers, JPEG, CRLF), framed once per frame so that
/// serving a viewer is a single write of shared bytes.</summary>
public sealed class EncodedFrame
{
    private readonly byte[] _part;
    private readonly int _jpegOffset;
    private readonly int _jpegLength;

    internal EncodedFrame(byte[] part, int jpegOffset, int jpegLength, long sequence, DateTimeOffset capturedAt, FrameTier tier, int quality, int width, int height)
    {
        _part = part;
        _jpegOffset = jpegOffset;
        _jpegLength = jpegLength;
        Sequence = sequence;
        CapturedAt = capturedAt;
        Tier = tier;
        Quality = quality;
        Width = width;
        Height = height;
    }

    /// <summary>The whole multipart part, ready to write to an MJPEG response.</summary>
    public ReadOnlyMemory<byte> Part => _part;

    /// <summary>The JPEG bytes alone.</summary>
    public ReadOnlyMemory<byte> Jpeg => new(_part, _jpegOffset, _jpegLength);

    /// <summary>The camera's frame number: increases with every frame the camera publishes, and
    /// is the same in every tier's rendition of one captured frame.</summary>
    public long Sequence { get; }

    /// <summary>The frame's number in its tier's slot (1, 2, 3…, set once when it is published
    /// there): the gap between two a viewer got is what it dropped. Tiers are encoded at their own
    /// rates, so <see cref="Sequence"/> can skip where nothing was dropped.</summary>
    internal long Ordinal { get; set; }

    /// <summary>When the frame was captured.</summary>
    public DateTimeOffset CapturedAt { get; }

    /// <summary>The rendition this is.</summary>
    public FrameTier Tier { get; }

    /// <summary>The JPEG quality it was encoded at.</summary>
    public int Quality { get; }

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }
}
