using System.Diagnostics;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Settings;
using OpenCvSharp;

namespace CamDashboard.Streaming.Pipeline;

/// <summary>Turns captured frames into framed JPEG parts and counts the work done, so tests
/// and the benchmark can check that every frame is encoded once per tier watched, not once per
/// viewer.</summary>
internal sealed class JpegEncoder(Action<TimeSpan>? encoded = null)
{
    private long _framesEncoded;
    private long _framesPassedThrough;

    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    public long FramesPassedThrough => Interlocked.Read(ref _framesPassedThrough);

    /// <summary>Encodes <paramref name="image"/> as <paramref name="tier"/>'s rendition at
    /// <paramref name="width"/>×<paramref name="height"/> (scaled if it is another size) and <paramref name="quality"/>.</summary>
    public EncodedFrame Encode(Mat image, FrameTier tier, int width, int height, int quality, long sequence, DateTimeOffset capturedAt)
    {
        var started = Stopwatch.GetTimestamp();
        byte[] jpeg;
        ImageEncodingParam[] parameters = tier == FrameTier.Small
            ? [new(ImwriteFlags.JpegQuality, quality), new(ImwriteFlags.JpegOptimize, 1)]
            : [new(ImwriteFlags.JpegQuality, quality)];
        if (width == image.Width && height == image.Height)
        {
            Cv2.ImEncode(".jpg", image, out jpeg, parameters);
        }
        else
        {
            // Area averaging: the sharpest downscale, and no aliasing shimmer on fine detail.
            using var resized = new Mat();
            Cv2.Resize(image, resized, new Size(width, height), interpolation: InterpolationFlags.Area);
            Cv2.ImEncode(".jpg", resized, out jpeg, parameters);
        }

        var frame = Frame(jpeg, tier, quality, width, height, sequence, capturedAt);
        Interlocked.Increment(ref _framesEncoded);
        encoded?.Invoke(Stopwatch.GetElapsedTime(started));
        return frame;
    }

    /// <summary>Frames a source's own JPEG unchanged (quality <see cref="CameraSettings.Original"/>) as <paramref name="tier"/>'s rendition.</summary>
    public EncodedFrame PassThrough(ReadOnlySpan<byte> jpeg, FrameTier tier, int width, int height, long sequence, DateTimeOffset capturedAt)
    {
        Interlocked.Increment(ref _framesPassedThrough);
        return Frame(jpeg, tier, CameraSettings.Original, width, height, sequence, capturedAt);
    }

    private static EncodedFrame Frame(ReadOnlySpan<byte> jpeg, FrameTier tier, int quality, int width, int height, long sequence, DateTimeOffset capturedAt)
    {
        var (part, offset) = MultipartFraming.Frame(jpeg, capturedAt);
        return new EncodedFrame(part, offset, jpeg.Length, sequence, capturedAt, tier, quality, width, height);
    }
}
