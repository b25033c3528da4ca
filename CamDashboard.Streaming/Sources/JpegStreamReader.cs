using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>Reads back-to-back JPEGs (FFmpeg's <c>-f mjpeg</c> output) into a
/// <see cref="SourceFrame"/>. A frame ends at the first EOI marker after its scan data; inside
/// the scan a 0xFF byte is always followed by 0x00 or a restart marker, so no search can stop early.</summary>
internal sealed class JpegStreamReader(Stream input, FrameLimits limits)
{
    private readonly StreamWindow _window = new(input, 256 * 1024);

    /// <summary>Reads the next JPEG; false at the end of the stream.</summary>
    public bool ReadNext(SourceFrame frame)
    {
        while (true)
        {
            var length = FindFrame();
            if (length > 0)
            {
                var ok = frame.SetJpeg(_window.Buffer.AsSpan(_window.Start, length));
                _window.Start += length;
                if (ok)
                {
                    return true;
                }

                continue;
            }

            if (_window.Length > limits.MaxBytes)
            {
                throw new CameraSourceException(limits.TooLarge());
            }

            if (!_window.Fill())
            {
                return false;
            }
        }
    }

    /// <summary>The length of the complete JPEG at the front of the buffer, or 0 if not all there yet.
    /// Bytes before a start-of-image marker are dropped.</summary>
    private int FindFrame()
    {
        var soi = _window.Buffer.AsSpan(_window.Start, _window.Length).IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD8]);
        if (soi < 0)
        {
            _window.Start = Math.Max(_window.Start, _window.End - 1);
            return 0;
        }

        _window.Start += soi;
        var i = _window.Start + 2;
        var inScan = false;
        while (i + 1 < _window.End)
        {
            if (_window.Buffer[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = _window.Buffer[i + 1];
            if (marker == 0xD9)
            {
                return i + 2 - _window.Start;
            }

            if (inScan && (marker == 0x00 || marker is >= 0xD0 and <= 0xD7 || marker == 0xFF))
            {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            // A segment with a length: skip it whole (its contents may hold any bytes).
            if (i + 4 > _window.End)
            {
                return 0;
            }

            var segment = (_window.Buffer[i + 2] << 8) | _window.Buffer[i + 3];
            inScan = marker == 0xDA;
            i += 2 + segment;
        }

        return 0;
    }
}
