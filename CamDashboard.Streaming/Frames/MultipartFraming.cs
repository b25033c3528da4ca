using System.Globalization;

namespace CamDashboard.Streaming.Frames;

/// <summary>The <c>multipart/x-mixed-replace</c> framing of the public stream contract.</summary>
public static class MultipartFraming
{
    /// <summary>The boundary between parts (without the leading dashes).</summary>
    public const string Boundary = "camdashboard-frame";

    /// <summary>The stream's response content type.</summary>
    public const string ContentType = "multipart/x-mixed-replace; boundary=" + Boundary;

    private static readonly byte[] Trailer = "\r\n"u8.ToArray();

    /// <summary>Unix seconds with six decimals, as in the <c>X-Timestamp</c> header.</summary>
    public static string FormatTimestamp(DateTimeOffset time)
    {
        var micros = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    /// <summary>Builds one part: boundary line, headers, the JPEG, and a closing CRLF.</summary>
    internal static (byte[] Part, int JpegOffset) Frame(ReadOnlySpan<byte> jpeg, DateTimeOffset capturedAt)
    {
        var header = string.Create(CultureInfo.InvariantCulture,
            $"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\nX-Timestamp: {FormatTimestamp(capturedAt)}\r\n\r\n");
        var headerLength = System.Text.Encoding.ASCII.GetByteCount(header);
        var part = new byte[headerLength + jpeg.Length + Trailer.Length];
        System.Text.Encoding.ASCII.GetBytes(header, part);
        jpeg.CopyTo(part.AsSpan(headerLength));
        Trailer.CopyTo(part.AsSpan(headerLength + jpeg.Length));
        return (part, headerLength);
    }
}
