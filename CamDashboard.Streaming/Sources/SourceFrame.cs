using CamDashboard.Streaming.Definitions;
using OpenCvSharp;

namespace CamDashboard.Streaming.Sources;

/// <summary>A frame as its source delivers it: pixels, or a JPEG whose bytes are kept untouched
/// so they can be passed through to viewers. A JPEG is decoded only when something asks for
/// <see cref="Pixels"/>. One per capture loop, reused for every frame.</summary>
public sealed class SourceFrame : IDisposable
{
    private Mat _pixels = new();
    private byte[] _jpeg = [];
    private int _jpegLength;
    private bool _pixelsCurrent;

    /// <summary>The largest frame a source may put here; a bigger one is refused with the reason.</summary>
    public FrameLimits Limits { get; init; } = FrameLimits.Default;

    /// <summary>Whether the frame arrived as a JPEG (passthrough is possible).</summary>
    public bool IsJpeg { get; private set; }

    /// <summary>Whether the JPEG is already at the camera's quality (another node encoded it):
    /// it is passed through whatever the quality setting.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>Marks the JPEG just committed as <see cref="IsFinal"/>.</summary>
    public void MarkFinal() => IsFinal = IsJpeg;

    /// <summary>The JPEG bytes as the source sent them; empty for a pixel frame.</summary>
    public ReadOnlyMemory<byte> Jpeg => IsJpeg ? _jpeg.AsMemory(0, _jpegLength) : ReadOnlyMemory<byte>.Empty;

    /// <summary>Frame width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Frame height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>The width of the source's own picture: more than <see cref="Width"/> when the
    /// source delivered it already scaled down (FFmpeg scaling a stream only small tiles watch).</summary>
    public int NativeWidth { get; private set; }

    /// <summary>The height of the source's own picture.</summary>
    public int NativeHeight { get; private set; }

    /// <summary>Whether the frame holds nothing.</summary>
    public bool IsEmpty => IsJpeg ? _jpegLength == 0 : _pixels.Empty();

    /// <summary>The frame's pixels (BGR); a JPEG frame is decoded on first use.</summary>
    public Mat Pixels
    {
        get
        {
            if (!_pixelsCurrent)
            {
                var decoded = Cv2.ImDecode(Jpeg.Span, ImreadModes.Color);
                _pixels.Dispose();
                _pixels = decoded;
                _pixelsCurrent = true;
            }

            return _pixels;
        }
    }

    /// <summary>For sources that produce pixels: the reused image to fill, then <see cref="CommitPixels()"/>.</summary>
    public Mat PixelBuffer
    {
        get
        {
            IsJpeg = false;
            IsFinal = false;
            _pixelsCurrent = true;
            return _pixels;
        }
    }

    /// <summary>Records the size of the pixels just written to <see cref="PixelBuffer"/>.</summary>
    public void CommitPixels() => CommitPixels(_pixels.Width, _pixels.Height);

    /// <summary>Records the pixels just written to <see cref="PixelBuffer"/> as a reduced copy of a
    /// <paramref name="nativeWidth"/>×<paramref name="nativeHeight"/> picture.</summary>
    public void CommitPixels(int nativeWidth, int nativeHeight)
    {
        if (!Limits.Allows(_pixels.Width, _pixels.Height))
        {
            throw new CameraSourceException(Limits.TooManyPixels(_pixels.Width, _pixels.Height));
        }

        Width = _pixels.Width;
        Height = _pixels.Height;
        NativeWidth = nativeWidth;
        NativeHeight = nativeHeight;
    }

    /// <summary>For JPEG sources: a buffer of at least <paramref name="length"/> bytes to read the
    /// next JPEG into, then <see cref="CommitJpeg"/>.</summary>
    public byte[] JpegBuffer(int length)
    {
        if (length > Limits.MaxBytes)
        {
            throw new CameraSourceException(Limits.TooLarge(length));
        }

        if (_jpeg.Length < length)
        {
            _jpeg = new byte[Math.Max(length, _jpeg.Length * 2)];
        }

        return _jpeg;
    }

    /// <summary>Takes the first <paramref name="length"/> bytes of the buffer as the frame; false
    /// (and the frame unchanged in meaning) when they are not a JPEG whose size can be read.</summary>
    public bool CommitJpeg(int length)
    {
        if (!JpegHeader.TryReadSize(_jpeg.AsSpan(0, length), out var width, out var height))
        {
            return false;
        }

        // Refused whether or not anything here would decode it: a viewer's browser would have to.
        if (!Limits.Allows(width, height))
        {
            throw new CameraSourceException(Limits.TooManyPixels(width, height));
        }

        _jpegLength = length;
        IsJpeg = true;
        IsFinal = false;
        _pixelsCurrent = false;
        Width = NativeWidth = width;
        Height = NativeHeight = height;
        return true;
    }

    /// <summary>Copies <paramref name="jpeg"/> in as the frame; false when it is not a JPEG.</summary>
    public bool SetJpeg(ReadOnlySpan<byte> jpeg)
    {
        jpeg.CopyTo(JpegBuffer(jpeg.Length));
        return CommitJpeg(jpeg.Length);
    }

    /// <summary>Releases the pixel buffer.</summary>
    public void Dispose() => _pixels.Dispose();
}
