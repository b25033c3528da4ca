using System.Globalization;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>Reads the JPEG parts of a <c>multipart/x-mixed-replace</c> body into a
/// <see cref="SourceFrame"/>, byte for byte as sent. Parts with a <c>Content-Length</c> are read
/// by length; parts without one end at the next boundary. Without a declared boundary (FFmpeg's
/// <c>-listen</c> server says <c>application/octet-stream</c>) the first <c>--</c> line sets it.</summary>
internal sealed class MultipartJpegReader(Stream body, string? boundary, FrameLimits? limits = null)
{
    private const int MaxHeaderLine = 4096;
    // A part larger than this is not a camera frame; refusing it bounds memory.
    private readonly FrameLimits _limits = limits ?? FrameLimits.Default;
    private const int MaxSkippedParts = 16;
    private byte[] _delimiter = boundary is null ? [] : Delimiter(boundary);
    private string? _boundaryLine = boundary is null ? null : "--" + boundary.TrimStart('-');
    private readonly StreamWindow _window = new(body, 64 * 1024);

    /// <summary>Reads the next JPEG part; false at the end of the body.</summary>
    public bool ReadNext(SourceFrame frame)
    {
        for (var skipped = 0; skipped < MaxSkippedParts; skipped++)
        {
            if (!SkipToBoundary() || ReadHeaders() is not { } length)
            {
                return false;
            }

            if (length >= 0 ? ReadByLength(frame, length) : ReadToDelimiter(frame))
            {
                return true;
            }
        }

        throw new CameraSourceException($"The stream sent {MaxSkippedParts} parts in a row that are not JPEG images.");
    }

    private bool SkipToBoundary()
    {
        var from = _window.TotalRead;
        while (ReadLine() is { } line)
        {
            if (_window.TotalRead - from > _limits.MaxBytes)
            {
                // Endless bytes that never name a part: not a camera stream.
                throw new CameraSourceException(_limits.TooLarge(_window.TotalRead - from));
            }

            if (_boundaryLine is null && line.StartsWith("--", StringComparison.Ordinal) && line.Length > 2)
            {
                _boundaryLine = line.TrimEnd();
                _delimiter = Delimiter(_boundaryLine);
            }

            if (_boundaryLine is not null && line.StartsWith(_boundaryLine, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Delimiter(string boundary) => System.Text.Encoding.ASCII.GetBytes("\r\n--" + boundary.TrimStart('-'));

    /// <summary>Reads a part's headers; the Content-Length, -1 when absent, null at the end of the body.</summary>
    private int? ReadHeaders()
    {
        var length = -1;
        while (ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                return length;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out length))
                {
                    throw new CameraSourceException($"The stream sent a part with a bad Content-Length ({line[(colon + 1)..].Trim()}).");
                }

                if (length > _limits.MaxBytes)
                {
                    throw new CameraSourceException(_limits.TooLarge(length));
                }
            }
        }

        return null;
    }

    private bool ReadByLength(SourceFrame frame, int length)
    {
        var target = frame.JpegBuffer(length);
        var copied = Math.Min(length, _window.Length);
        _window.Buffer.AsSpan(_window.Start, copied).CopyTo(target);
        _window.Start += copied;
        while (copied < length)
        {
            var read = body.Read(target, copied, length - copied);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            copied += read;
        }

        return frame.CommitJpeg(length);
    }

    private bool ReadToDelimiter(SourceFrame frame)
    {
        var searchFrom = _window.Start;
        while (true)
        {
            var found = _window.Buffer.AsSpan(searchFrom, _window.End - searchFrom).IndexOf(_delimiter);
            if (found >= 0)
            {
                var length = searchFrom + found - _window.Start;
                var ok = frame.SetJpeg(_window.Buffer.AsSpan(_window.Start, length));
                _window.Start += length + 2; // leave "--boundary" for the next part
                return ok;
            }

            if (_window.Length > _limits.MaxBytes)
            {
                throw new CameraSourceException(_limits.TooLarge());
            }

            // Fill moves the unread bytes to the front: keep the scanned count, not the index.
            var scanned = Math.Max(0, _window.End - _delimiter.Length - _window.Start);
            if (!_window.Fill())
            {
                return false;
            }

            searchFrom = _window.Start + scanned;
        }
    }

    private string? ReadLine()
    {
        var searchFrom = _window.Start;
        while (true)
        {
            var newline = _window.Buffer.AsSpan(searchFrom, _window.End - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var end = searchFrom + newline;
                var line = System.Text.Encoding.ASCII.GetString(_window.Buffer, _window.Start, end - _window.Start).TrimEnd('\r');
                _window.Start = end + 1;
                return line;
            }

            if (_window.Length > MaxHeaderLine)
            {
                // Not a header line: binary data between parts. Drop it and keep looking.
                _window.Start = _window.End;
            }

            var kept = _window.Length;
            if (!_window.Fill())
            {
                return null;
            }

            searchFrom = _window.Start + kept;
        }
    }
}
