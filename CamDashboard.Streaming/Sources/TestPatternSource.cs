using System.Globalization;
using CamDashboard.Streaming.Cameras;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>A moving pattern with the camera's name and a clock, drawn with OpenCV at the rate
/// asked for, and not at all in standby. With <see cref="CameraOptions.Texture"/> it adds fixed noise so that
/// frames compress like a real scene rather than a flat drawing.</summary>
internal sealed class TestPatternSource(CameraOptions camera, TimeProvider time) : ICameraSource
{
    private const int DefaultWidth = 640;
    private const int DefaultHeight = 360;
    private readonly int _width = camera.Width > 0 ? camera.Width : DefaultWidth;
    private readonly int _height = camera.Height > 0 ? camera.Height : DefaultHeight;
    private readonly FramePacer _pacer = new(time);
    private readonly string _label = camera.DisplayName;
    private Mat? _scenery;
    private long _frameNumber;

    public string Format => $"test pattern, {_width}×{_height}";

    public double? NativeFps => null;

    public void Open(SourceDemand demand, CancellationToken cancellationToken) => _scenery ??= DrawScenery();

    public SourceRead Read(SourceFrame target, SourceDemand demand)
    {
        ObjectDisposedException.ThrowIf(_scenery is null, this);
        if (!demand.Frames)
        {
            // Nothing to check: a drawing is always there.
            demand.WaitForChange(SourceDemand.IdleWait);
            return SourceRead.Idle;
        }

        _pacer.WaitForNextFrame(demand.MaxFps, demand);
        var frame = target.PixelBuffer;

        // The scenery is twice as wide as a frame; a sliding window over it is the motion.
        var offset = (int)(_frameNumber * 4 % _width);
        using (var window = new Mat(_scenery, new Rect(offset, 0, _width, _height)))
        {
            window.CopyTo(frame);
        }

        var t = _frameNumber / 30.0;
        var center = new Point(
            (int)(_width / 2 + _width / 3 * Math.Cos(t)),
            (int)(_height / 2 + _height / 3 * Math.Sin(t * 1.3)));
        Cv2.Circle(frame, center, Math.Max(8, _height / 12), Scalar.White, -1, LineTypes.AntiAlias);

        var scale = _height / 360.0;
        var now = time.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        DrawLabel(frame, _label, new Point(16 * scale, 40 * scale), scale);
        DrawLabel(frame, $"{now}  #{_frameNumber}", new Point(16 * scale, _height - 20 * scale), scale * 0.8);
        _frameNumber++;
        target.CommitPixels();
        return SourceRead.Frame;
    }

    public void Dispose()
    {
        _scenery?.Dispose();
        _scenery = null;
    }

    private static void DrawLabel(Mat frame, string text, Point origin, double scale)
    {
        var thickness = Math.Max(1, (int)(2 * scale));
        Cv2.PutText(frame, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.Black, thickness + 3, LineTypes.AntiAlias);
        Cv2.PutText(frame, text, origin, HersheyFonts.HersheySimplex, scale, Scalar.White, thickness, LineTypes.AntiAlias);
    }

    private Mat DrawScenery()
    {
        var sceneryWidth = _width * 2;
        var scenery = new Mat(_height, sceneryWidth, MatType.CV_8UC3);
        Scalar[] bars = [new(192, 192, 192), new(0, 192, 192), new(192, 192, 0), new(0, 192, 0), new(192, 0, 192), new(0, 0, 192), new(192, 0, 0), new(40, 40, 40)];
        var barWidth = _width / bars.Length;
        for (var x = 0; x < sceneryWidth; x += barWidth)
        {
            var bar = bars[x / barWidth % bars.Length];
            scenery.Rectangle(new Rect(x, 0, barWidth, _height), bar, -1);
        }

        // A vertical shading so the picture is not made of flat blocks only.
        using var column = new Mat(_height, 1, MatType.CV_8UC3);
        for (var y = 0; y < _height; y++)
        {
            var v = (byte)(60 * y / _height);
            column.Set(y, 0, new Vec3b(v, v, v));
        }

        using var shade = new Mat();
        Cv2.Resize(column, shade, new Size(sceneryWidth, _height), 0, 0, InterpolationFlags.Nearest);
        Cv2.Subtract(scenery, shade, scenery);
        if (camera.Texture)
        {
            using var noise = new Mat(scenery.Size(), MatType.CV_8UC3);
            Cv2.Randn(noise, new Scalar(0, 0, 0), new Scalar(3, 3, 3));
            Cv2.Add(scenery, noise, scenery);
        }

        return scenery;
    }
}
