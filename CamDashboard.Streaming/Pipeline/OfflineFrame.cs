using System.Globalization;
using OpenCvSharp;

namespace CamDashboard.Streaming.Pipeline;

/// <summary>The picture viewers get, once, while a camera is down: its name and since when.</summary>
internal static class OfflineFrame
{
    public static Mat Draw(string name, DateTimeOffset since, int width, int height)
    {
        width = width > 0 ? width : 640;
        height = height > 0 ? height : 360;
        var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(48, 32, 32));
        var scale = height / 360.0;
        var when = since.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Cv2.PutText(image, name, new Point(20 * scale, height / 2 - 20 * scale), HersheyFonts.HersheySimplex, scale, Scalar.White, Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        Cv2.PutText(image, $"offline since {when}", new Point(20 * scale, height / 2 + 25 * scale), HersheyFonts.HersheySimplex, scale * 0.8, new Scalar(120, 160, 255), Math.Max(1, (int)(2 * scale)), LineTypes.AntiAlias);
        return image;
    }
}
