using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>One TCP connection speaking HTTP/1.1 by hand, for what HttpClient hides: pipelined
/// requests, the exact response head, how the connection ends.</summary>
public sealed class RawHttpConnection : IDisposable
{
    private readonly TcpClient _tcp;

    private RawHttpConnection(TcpClient tcp)
    {
        _tcp = tcp;
        Stream = new BufferedStream(tcp.GetStream(), 64 * 1024);
    }

    /// <summary>The response bytes, buffered.</summary>
    public Stream Stream { get; }

    public Socket Socket => _tcp.Client;

    public static async Task<RawHttpConnection> OpenAsync(Uri address, int receiveBufferBytes = 0)
    {
        var tcp = new TcpClient();
        if (receiveBufferBytes > 0)
        {
            tcp.ReceiveBufferSize = receiveBufferBytes;
        }

        await tcp.ConnectAsync(address.Host, address.Port);
        return new RawHttpConnection(tcp);
    }

    /// <summary>A request as admin, as the bytes a client would send.</summary>
    public static string Request(string method, string path) =>
        $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {TestApp.Basic("admin", TestApp.AdminPassword)}\r\n\r\n";

    /// <summary>Sends all <paramref name="requests"/> in one write: pipelined.</summary>
    public Task SendAsync(params string[] requests) => _tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(string.Concat(requests))).AsTask();

    /// <summary>Reads a status line and headers.</summary>
    public async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync()
    {
        var statusLine = await ReadLineAsync() ?? throw new EndOfStreamException("The connection closed before a response.");
        if (!statusLine.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Expected a status line, got '{statusLine}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await ReadLineAsync() is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return (int.Parse(statusLine.AsSpan(9, 3), CultureInfo.InvariantCulture), headers);
    }

    /// <summary>Reads a body of the length its head announced, or chunked.</summary>
    public async Task<byte[]> ReadBodyAsync(Dictionary<string, string> headers)
    {
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var body = new byte[int.Parse(length, CultureInfo.InvariantCulture)];
            await Stream.ReadExactlyAsync(body);
            return body;
        }

        using var chunks = new MemoryStream();
        while (int.Parse(await ReadLineAsync() ?? "0", NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var size and > 0)
        {
            var chunk = new byte[size];
            await Stream.ReadExactlyAsync(chunk);
            chunks.Write(chunk);
            await ReadLineAsync();
        }

        await ReadLineAsync(); // the empty line after the last chunk
        return chunks.ToArray();
    }

    /// <summary>Reads until the server closes; throws if it resets instead.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        using var rest = new MemoryStream();
        await Stream.CopyToAsync(rest);
        return rest.ToArray();
    }

    public void Dispose() => _tcp.Dispose();

    private async Task<string?> ReadLineAsync()
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await Stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.Length == 0 ? null : line.ToString();
    }
}
