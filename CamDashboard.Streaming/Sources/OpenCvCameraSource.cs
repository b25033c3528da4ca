using System.Globalization;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Timing;
using OpenCvSharp;

namespace CamDashboard.Streaming.Sources;

/// <summary>A V4L2 device or a video file (looped, paced at its own frame rate), read through
/// OpenCV. Its native calls cannot be interrupted; network sources use other engines. Frames
/// above the wanted rate are grabbed but never decoded into pixels; in standby a device is only
/// drained (grabbed) so that it stays checked, and a file is not read at all.</summary>
internal sealed class OpenCvCameraSource(CameraOptions camera, TimeProvider time) : ICameraSource
{
    // Files that report no usable rate are played at this one.
    private const double FallbackFileFps = 25;
    private readonly SourceKind _kind = CameraSourceSpec.KindOf(camera.Source);
    private readonly FramePacer _pacer = new(time);
    private readonly RateBudget _budget = new(time);
    private VideoCapture? _capture;
    private double _fileFps;

    public string Format { get; private set; } = "";

    public double? NativeFps { get; private set; }

    public void Open(SourceDemand demand, CancellationToken cancellationToken)
    {
        _capture?.Dispose();
        _capture = _kind switch
        {
            SourceKind.Device => new VideoCapture(int.Parse(camera.Source, CultureInfo.InvariantCulture), VideoCaptureAPIs.V4L2),
            SourceKind.File when !File.Exists(camera.Source) => throw new CameraSourceException($"File '{camera.Source}' does not exist."),
            SourceKind.File => new VideoCapture(camera.Source, VideoCaptureAPIs.FFMPEG),
            _ => throw new CameraSourceException($"OpenCV does not open {_kind} sources."),
        };

        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            _capture = null;
            throw new CameraSourceException(_kind == SourceKind.Device
                ? $"Video device {camera.Source} could not be opened (is it connected, and is /dev/video{camera.Source} readable?)."
                : $"'{camera.Source}' could not be opened as a video file.");
        }

        Format = $"{FourCc((int)_capture.Get(VideoCaptureProperties.FourCC))} from {(_kind == SourceKind.Device ? "V4L2 device" : "file")}, {_capture.FrameWidth}×{_capture.FrameHeight}";

        if (_kind == SourceKind.Device)
        {
            if (camera.Width > 0)
            {
                _capture.Set(VideoCaptureProperties.FrameWidth, camera.Width);
            }

            if (camera.Height > 0)
            {
                _capture.Set(VideoCaptureProperties.FrameHeight, camera.Height);
            }
        }

        var fps = _capture.Fps;
        NativeFps = fps is > 0 and <= 240 ? fps : null;
        _fileFps = NativeFps ?? FallbackFileFps;
    }

    public SourceRead Read(SourceFrame target, SourceDemand demand)
    {
        ObjectDisposedException.ThrowIf(_capture is null, this);
        if (!demand.Frames)
        {
            return Idle(demand);
        }

        var frame = target.PixelBuffer;
        while (true)
        {
            if (_kind == SourceKind.File)
            {
                _pacer.WaitForNextFrame(_fileFps, demand);
            }

            // Over the wanted rate: take the frame off the source without converting it.
            var wanted = _budget.TryTake(demand.MaxFps);
            if (wanted ? _capture.Read(frame) && !frame.Empty() : _capture.Grab())
            {
                if (wanted)
                {
                    break;
                }

                continue;
            }

            // A file at its end starts over; anything else has failed.
            if (_kind != SourceKind.File || !_capture.Set(VideoCaptureProperties.PosFrames, 0))
            {
                return SourceRead.Ended;
            }
        }

        if (camera.Width > 0 && camera.Height > 0 && (frame.Width != camera.Width || frame.Height != camera.Height))
        {
            Cv2.Resize(frame, frame, new Size(camera.Width, camera.Height), 0, 0, InterpolationFlags.Area);
        }

        target.CommitPixels();
        return SourceRead.Frame;
    }

    private SourceRead Idle(SourceDemand demand)
    {
        if (_kind == SourceKind.Device)
        {
            // A device keeps filling its buffers: draining them is the check that it is still plugged in.
            return _capture!.Grab() ? SourceRead.Idle : SourceRead.Ended;
        }

        demand.WaitForChange(SourceDemand.IdleWait);
        return File.Exists(camera.Source) ? SourceRead.Idle : throw new CameraSourceException($"File '{camera.Source}' does not exist.");
    }

    private static string FourCc(int code)
    {
        var chars = new[] { (char)(code & 0xFF), (char)((code >> 8) & 0xFF), (char)((code >> 16) & 0xFF), (char)((code >> 24) & 0xFF) };
        return chars.All(c => c is >= ' ' and <= '~') ? new string(chars).Trim() : "video";
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _capture = null;
    }
}
