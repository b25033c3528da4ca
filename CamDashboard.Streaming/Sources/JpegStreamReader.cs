namespace CamDashboard.Streaming.Sources;

/// <summary>Reads back-to-back JPEGs (FFmpeg's <c>-f mjpeg</c> output) into a
/// <see cref="SourceFrame"/>. A frame ends at the first EOI marker after its scan data; inside
/// the scan a 0xFF byte is always followed by 0x00 or a restart marker, so no search can stop early.</summary>
internal sealed class JpegStreamReader(Stream input)
{
    private byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;

    /// <summary>Reads the next JPEG; false at the end of the stream.</summary>
    public bool ReadNext(SourceFrame frame)
    {
        while (true)
        {
            var length = FindFrame();
            if (length > 0)
            {
                var ok = frame.SetJpeg(_buffer.AsSpan(_start, length));
                _start += length;
                if (ok)
                {
                    return true;
                }

                continue;
            }

            if (_end - _start > MultipartJpegReader.MaxPartBytes)
            {
                throw new CameraSourceException("FFmpeg sent more than 32 MiB without a complete JPEG.");
            }

            if (!Fill())
            {
                return false;
            }
        }
    }

    /// <summary>The length of the complete JPEG at the front of the buffer, or 0 if not all there yet.
    /// Bytes before a start-of-image marker are dropped.</summary>
    private int FindFrame()
    {
        var soi = _buffer.AsSpan(_start, _end - _start).IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD8]);
        if (soi < 0)
        {
            _start = Math.Max(_start, _end - 1);
            return 0;
        }

        _start += soi;
        var i = _start + 2;
        var inScan = false;
        while (i + 1 < _end)
        {
            if (_buffer[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = _buffer[i + 1];
            if (marker == 0xD9)
            {
                return i + 2 - _start;
            }

            if (inScan && (marker == 0x00 || marker is >= 0xD0 and <= 0xD7 || marker == 0xFF))
            {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            // A segment with a length: skip it whole (its contents may hold any bytes).
            if (i + 4 > _end)
            {
                return 0;
            }

            var segment = (_buffer[i + 2] << 8) | _buffer[i + 3];
            inScan = marker == 0xDA;
            i += 2 + segment;
        }

        return 0;
    }

    private bool Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        return read > 0;
    }
}
