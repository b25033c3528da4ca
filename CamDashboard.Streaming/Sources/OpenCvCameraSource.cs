using System.Globalization;
using CamDashboard.Streaming.Cameras;
using OpenCvSharp;

namespace CamDashboard.Streaming.Sources;

/// <summary>A V4L2 device, a video file (looped, paced at its own frame rate) or an
/// RTSP/HTTP URL, read through OpenCV.</summary>
internal sealed class OpenCvCameraSource(CameraOptions camera, TimeProvider time) : ICameraSource
{
    // Files that report no usable rate are played at this one.
    private const double FallbackFileFps = 25;
    private readonly SourceKind _kind = CameraSourceSpec.KindOf(camera.Source);
    private VideoCapture? _capture;
    private FramePacer? _pacer;

    public void Open()
    {
        _capture?.Dispose();
        _capture = _kind switch
        {
            SourceKind.Device => new VideoCapture(int.Parse(camera.Source, CultureInfo.InvariantCulture), VideoCaptureAPIs.V4L2),
            SourceKind.File when !File.Exists(camera.Source) => throw new CameraSourceException($"file '{camera.Source}' does not exist"),
            _ => new VideoCapture(camera.Source, VideoCaptureAPIs.FFMPEG),
        };

        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            _capture = null;
            throw new CameraSourceException($"OpenCV could not open {_kind.ToString().ToLowerInvariant()} source");
        }

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

        if (_kind == SourceKind.File)
        {
            var fps = _capture.Fps;
            _pacer = new FramePacer(fps is > 0 and <= 240 ? fps : FallbackFileFps, time);
        }
    }

    public bool Read(Mat frame)
    {
        ObjectDisposedException.ThrowIf(_capture is null, this);
        _pacer?.WaitForNextFrame();
        if (!_capture.Read(frame) || frame.Empty())
        {
            // A file at its end starts over; anything else has failed.
            if (_kind != SourceKind.File || !_capture.Set(VideoCaptureProperties.PosFrames, 0) || !_capture.Read(frame) || frame.Empty())
            {
                return false;
            }
        }

        if (camera.Width > 0 && camera.Height > 0 && (frame.Width != camera.Width || frame.Height != camera.Height))
        {
            Cv2.Resize(frame, frame, new Size(camera.Width, camera.Height), 0, 0, InterpolationFlags.Area);
        }

        return true;
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _capture = null;
    }
}
