using System.Diagnostics;
using OpenCvSharp;

namespace CamDashboard.Streaming.Encoding;

/// <summary>Turns captured frames into framed JPEG parts and counts the work done, so tests
/// and the benchmark can check that every frame is encoded once, not once per viewer.</summary>
internal sealed class JpegEncoder
{
    private long _framesEncoded;
    private long _framesPassedThrough;
    private long _encodeTicks;
    private long _sequence;

    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    public long FramesPassedThrough => Interlocked.Read(ref _framesPassedThrough);

    public TimeSpan EncodeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _encodeTicks));

    public EncodedFrame Encode(Mat image, int quality, DateTimeOffset capturedAt)
    {
        var started = Stopwatch.GetTimestamp();
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        var frame = Frame(jpeg, quality, image.Width, image.Height, capturedAt);
        Interlocked.Add(ref _encodeTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _framesEncoded);
        return frame;
    }

    /// <summary>Frames a source's own JPEG unchanged (quality <see cref="Settings.CameraSettings.Original"/>).</summary>
    public EncodedFrame PassThrough(ReadOnlySpan<byte> jpeg, int width, int height, DateTimeOffset capturedAt)
    {
        Interlocked.Increment(ref _framesPassedThrough);
        return Frame(jpeg, Settings.CameraSettings.Original, width, height, capturedAt);
    }

    private EncodedFrame Frame(ReadOnlySpan<byte> jpeg, int quality, int width, int height, DateTimeOffset capturedAt)
    {
        var (part, offset) = MultipartFraming.Frame(jpeg, capturedAt);
        return new EncodedFrame(part, offset, jpeg.Length, Interlocked.Increment(ref _sequence), capturedAt, quality, width, height);
    }
}
