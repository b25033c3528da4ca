using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Sources;
using OpenCvSharp;

namespace CamDashboard.Streaming.Pipeline;

/// <summary>Makes a tier's rendition of a captured frame: the source's own JPEG where quality
/// is Original and the source sent one, or another node made it already (a relay: no decode, no encode), otherwise an encode of its
/// pixels at the tier's size and quality. A frame from a camera's substream is its small
/// picture already: every tier made from it keeps its size.</summary>
internal sealed class FrameRenderer(Action<TimeSpan>? encoded = null)
{
    private readonly JpegEncoder _encoder = new(encoded);

    public JpegEncoder Encoder => _encoder;

    public EncodedFrame Render(SourceFrame frame, FrameTier tier, int quality, bool fromSubstream, long sequence, DateTimeOffset capturedAt)
    {
        var (width, height) = fromSubstream ? (frame.NativeWidth, frame.NativeHeight) : FrameTiers.Size(tier, frame.NativeWidth, frame.NativeHeight);
        if ((quality == CameraSettings.Original || frame.IsFinal) && frame.IsJpeg && (tier == FrameTier.Full || fromSubstream))
        {
            return _encoder.PassThrough(frame.Jpeg.Span, tier, frame.Width, frame.Height, sequence, capturedAt);
        }

        // A source that scaled for the small tier already is encoded as it is.
        var pixels = frame.Pixels;
        if (pixels.Width < width)
        {
            (width, height) = (pixels.Width, pixels.Height);
        }

        return _encoder.Encode(pixels, tier, width, height, FrameTiers.Quality(tier, EncodeQuality(quality)), sequence, capturedAt);
    }

    /// <summary>The same picture for every tier's viewers, e.g. "offline since".</summary>
    public EncodedFrame Render(Mat picture, FrameTier tier, int quality, long sequence, DateTimeOffset capturedAt)
    {
        var (width, height) = FrameTiers.Size(tier, picture.Width, picture.Height);
        return _encoder.Encode(picture, tier, width, height, FrameTiers.Quality(tier, EncodeQuality(quality)), sequence, capturedAt);
    }

    // Original has no JPEG to pass when the frame is pixels (the offline frame, a pixel source).
    private static int EncodeQuality(int quality) => quality == CameraSettings.Original ? CameraSettings.DefaultQuality : quality;
}
