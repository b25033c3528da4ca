using System.Globalization;
using System.Text;
using CamDashboard.Streaming.Frames;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>Parses a <c>multipart/x-mixed-replace</c> body part by part, checking the framing.</summary>
public sealed class MjpegReader(Stream body)
{
    private readonly BufferedStream _body = new(body, 64 * 1024);

    public sealed record Part(IReadOnlyDictionary<string, string> Headers, byte[] Jpeg)
    {
        public double Timestamp => double.Parse(Headers["X-Timestamp"], CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the next part, or null when the stream ended cleanly between parts.</summary>
    public async Task<Part?> ReadPartAsync(CancellationToken cancellationToken = default)
    {
        var boundary = await ReadLineAsync(cancellationToken);
        if (boundary is null)
        {
            return null;
        }

        if (boundary != "--" + MultipartFraming.Boundary)
        {
            throw new InvalidDataException($"Expected the boundary, got '{boundary}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync(cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var length = int.Parse(headers["Content-Length"], CultureInfo.InvariantCulture);
        var jpeg = new byte[length];
        await _body.ReadExactlyAsync(jpeg, cancellationToken);
        if (await ReadLineAsync(cancellationToken) != "")
        {
            throw new InvalidDataException("A part's body must be followed by CRLF: Content-Length was wrong.");
        }

        return new Part(headers, jpeg);
    }

    public async Task<List<Part>> ReadPartsAsync(int count, CancellationToken cancellationToken = default)
    {
        var parts = new List<Part>(count);
        while (parts.Count < count)
        {
            parts.Add(await ReadPartAsync(cancellationToken) ?? throw new EndOfStreamException($"The stream ended after {parts.Count} parts."));
        }

        return parts;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await _body.ReadAsync(one, cancellationToken) == 0)
            {
                return line.Length == 0 ? null : throw new EndOfStreamException("The stream ended inside a line.");
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
            if (line.Length > 1024)
            {
                throw new InvalidDataException("A header line longer than 1 KB: not multipart framing.");
            }
        }
    }
}
