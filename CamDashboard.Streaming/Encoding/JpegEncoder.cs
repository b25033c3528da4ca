using System.Diagnostics;
using OpenCvSharp;

namespace CamDashboard.Streaming.Encoding;

/// <summary>Encodes captured frames to framed JPEG parts and counts the work done, so tests
/// and the benchmark can check that every frame is encoded once, not once per viewer.</summary>
internal sealed class JpegEncoder
{
    private long _framesEncoded;
    private long _encodeTicks;
    private long _sequence;

    public long FramesEncoded => Interlocked.Read(ref _framesEncoded);

    public TimeSpan EncodeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _encodeTicks));

    public EncodedFrame Encode(Mat image, int quality, DateTimeOffset capturedAt)
    {
        var started = Stopwatch.GetTimestamp();
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        var (part, offset) = MultipartFraming.Frame(jpeg, capturedAt);
        Interlocked.Add(ref _encodeTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _framesEncoded);
        return new EncodedFrame(part, offset, jpeg.Length, Interlocked.Increment(ref _sequence), capturedAt, quality, image.Width, image.Height);
    }
}
