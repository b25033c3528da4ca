using CamDashboard.Streaming.Settings;
using OpenCvSharp;

namespace CamDashboard.Streaming.Activity;

/// <summary>Measures how much of a camera's picture changed since the last frame it was shown:
/// each small JPEG is decoded at half its size in grey (libjpeg scales while decoding, so this
/// costs a fraction of a full decode), blurred so JPEG noise is not motion, and compared pixel by
/// pixel with the one before, outside the mask's ignored cells.</summary>
internal sealed class ActivityDetector : IDisposable
{
    /// <summary>How much a pixel's grey must change (of 255) to count as changed: above what
    /// re-encoding and sensor noise move a still scene.</summary>
    public const int PixelThreshold = 24;

    private Mat? _previous;
    private Mat? _watched;
    private string? _watchedMask;
    private int _watchedPixels;

    /// <summary>The share (0–1) of the watched area that changed since the last frame; 0 for the
    /// first frame, a frame of another size, or a frame that cannot be decoded.</summary>
    public double Measure(ReadOnlySpan<byte> jpeg, string? mask)
    {
        var gray = Cv2.ImDecode(jpeg, ImreadModes.ReducedGrayscale2);
        if (gray.Empty())
        {
            gray.Dispose();
            return 0;
        }

        Cv2.GaussianBlur(gray, gray, new Size(5, 5), 0);
        var previous = _previous;
        _previous = gray;
        if (previous is null || previous.Size() != gray.Size())
        {
            previous?.Dispose();
            return 0;
        }

        using (previous)
        using (var changed = new Mat())
        {
            Cv2.Absdiff(gray, previous, changed);
            Cv2.Threshold(changed, changed, PixelThreshold, 255, ThresholdTypes.Binary);
            var watched = WatchedArea(gray.Size(), mask);
            if (watched is not null)
            {
                Cv2.BitwiseAnd(changed, watched, changed);
            }

            var pixels = watched is null ? gray.Rows * gray.Cols : _watchedPixels;
            return pixels == 0 ? 0 : Cv2.CountNonZero(changed) / (double)pixels;
        }
    }

    // The mask's cells scaled to the frame (255 where watched), made again only when the mask or size changes.
    private Mat? WatchedArea(Size size, string? mask)
    {
        if (string.IsNullOrEmpty(mask))
        {
            return null;
        }

        if (_watched is not null && _watchedMask == mask && _watched.Size() == size)
        {
            return _watched;
        }

        _watched?.Dispose();
        using var cells = new Mat(ActivitySettings.MaskRows, ActivitySettings.MaskColumns, MatType.CV_8UC1, Scalar.All(255));
        for (var row = 0; row < ActivitySettings.MaskRows; row++)
        {
            for (var column = 0; column < ActivitySettings.MaskColumns; column++)
            {
                if (mask[(row * ActivitySettings.MaskColumns) + column] == '1')
                {
                    cells.Set(row, column, (byte)0);
                }
            }
        }

        _watched = new Mat();
        Cv2.Resize(cells, _watched, size, interpolation: InterpolationFlags.Nearest);
        _watchedMask = mask;
        _watchedPixels = Cv2.CountNonZero(_watched);
        return _watched;
    }

    /// <summary>Forgets the last frame: the next is compared with nothing (after a gap, a restart).</summary>
    public void Reset()
    {
        _previous?.Dispose();
        _previous = null;
    }

    public void Dispose()
    {
        Reset();
        _watched?.Dispose();
        _watched = null;
    }
}
