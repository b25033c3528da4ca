using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CamDashboard.Bench;

/// <summary>One MJPEG viewer on a raw socket: sends the request, de-chunks the HTTP/1.1 body and
/// walks the multipart parts, skipping JPEG bytes without looking at them, so that a thousand
/// of these cost the load client little. Records every part's capture-to-receive latency.</summary>
internal sealed class MjpegViewer
{
    private enum Body { ChunkSize, ChunkData, ChunkEnd, Plain }

    private enum Part { HeaderLine, Jpeg, JpegEnd }

    private readonly byte[] _request;
    private readonly byte[] _line = new byte[512];
    private int _lineLength;
    private Body _body;
    private long _chunkLeft;
    private Part _part = Part.HeaderLine;
    private long _jpegLeft;
    private long _partLength;
    private double _partTimestamp;

    public MjpegViewer(string path, string authorization)
    {
        _request = Encoding.ASCII.GetBytes(
            $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {authorization}\r\nUser-Agent: camdashboard-bench\r\nAccept: */*\r\n\r\n");
    }

    /// <summary>When the first part arrived (Stopwatch seconds), or NaN.</summary>
    public double FirstFrameAt { get; private set; } = double.NaN;

    public double ConnectedAt { get; private set; } = double.NaN;

    /// <summary>Frames counted while <see cref="Recording"/> is on.</summary>
    public int Frames { get; private set; }

    public long Bytes { get; private set; }

    public int TotalFrames { get; private set; }

    public bool Recording { get; set; }

    public List<float> LatenciesMs { get; } = new(1024);

    public string? Error { get; private set; }

    public bool Ended { get; private set; }

    public void ResetWindow()
    {
        Frames = 0;
        Bytes = 0;
        LatenciesMs.Clear();
    }

    /// <summary>Reads until cancelled or the server ends the stream. <paramref name="bytesPerSecond"/>
    /// throttles reading (a slow link); <paramref name="neverRead"/> stops after the response headers.</summary>
    public async Task RunAsync(IPEndPoint server, CancellationToken cancellationToken, int receiveBuffer = 0, double bytesPerSecond = 0, bool neverRead = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBuffer > 0)
        {
            socket.ReceiveBufferSize = receiveBuffer;
        }

        var buffer = new byte[bytesPerSecond > 0 ? 16 * 1024 : 64 * 1024];
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
            ConnectedAt = Clock.Now;
            await socket.SendAsync(_request, SocketFlags.None, cancellationToken);
            var headerEnd = await ReadResponseHeadersAsync(socket, buffer, cancellationToken);
            if (neverRead)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            Feed(buffer.AsSpan(headerEnd.Start, headerEnd.Count));
            // A link of bytesPerSecond: each chunk read occupies it for its length over the rate,
            // from when it was read or the link was free, whichever is later (no banked credit).
            var linkFree = Clock.Now;
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (n == 0)
                {
                    Ended = true;
                    return;
                }

                Feed(buffer.AsSpan(0, n));
                if (bytesPerSecond > 0)
                {
                    linkFree = Math.Max(linkFree, Clock.Now) + n / bytesPerSecond;
                    var wait = linkFree - Clock.Now;
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException ex)
        {
            Error = ex.SocketErrorCode.ToString();
            Ended = true;
        }
        catch (InvalidDataException ex)
        {
            Error = ex.Message;
            Ended = true;
        }
    }

    private async Task<(int Start, int Count)> ReadResponseHeadersAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                throw new InvalidDataException("closed before the response headers");
            }

            filled += n;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                continue;
            }

            var headers = Encoding.ASCII.GetString(buffer, 0, end);
            if (!headers.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
            {
                throw new InvalidDataException(headers.Split('\r')[0]);
            }

            _body = headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? Body.ChunkSize : Body.Plain;
            return (end + 4, filled - end - 4);
        }
    }

    private void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            switch (_body)
            {
                case Body.Plain:
                    FeedPart(data);
                    return;
                case Body.ChunkSize:
                    var lf = data.IndexOf((byte)'\n');
                    AppendLine(lf < 0 ? data : data[..(lf + 1)]);
                    if (lf < 0)
                    {
                        return;
                    }

                    data = data[(lf + 1)..];
                    var hex = Encoding.ASCII.GetString(_line, 0, _lineLength).Trim();
                    _lineLength = 0;
                    if (hex.Length == 0)
                    {
                        continue;
                    }

                    _chunkLeft = Convert.ToInt64(hex.Split(';')[0], 16);
                    if (_chunkLeft == 0)
                    {
                        Ended = true;
                        return;
                    }

                    _body = Body.ChunkData;
                    break;
                case Body.ChunkData:
                    var take = (int)Math.Min(_chunkLeft, data.Length);
                    FeedPart(data[..take]);
                    data = data[take..];
                    _chunkLeft -= take;
                    if (_chunkLeft == 0)
                    {
                        _body = Body.ChunkEnd;
                        _chunkLeft = 2;
                    }

                    break;
                case Body.ChunkEnd:
                    var skip = (int)Math.Min(_chunkLeft, data.Length);
                    data = data[skip..];
                    _chunkLeft -= skip;
                    if (_chunkLeft == 0)
                    {
                        _body = Body.ChunkSize;
                    }

                    break;
            }
        }
    }

    private void FeedPart(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            switch (_part)
            {
                case Part.HeaderLine:
                    var lf = data.IndexOf((byte)'\n');
                    AppendLine(lf < 0 ? data : data[..(lf + 1)]);
                    if (lf < 0)
                    {
                        return;
                    }

                    data = data[(lf + 1)..];
                    OnHeaderLine(_line.AsSpan(0, _lineLength).TrimEnd("\r\n"u8));
                    _lineLength = 0;
                    break;
                case Part.Jpeg:
                    var take = (int)Math.Min(_jpegLeft, data.Length);
                    data = data[take..];
                    _jpegLeft -= take;
                    if (_jpegLeft == 0)
                    {
                        _part = Part.JpegEnd;
                        _jpegLeft = 2;
                    }

                    break;
                case Part.JpegEnd:
                    var skip = (int)Math.Min(_jpegLeft, data.Length);
                    data = data[skip..];
                    _jpegLeft -= skip;
                    if (_jpegLeft == 0)
                    {
                        OnPartComplete();
                        _part = Part.HeaderLine;
                    }

                    break;
            }
        }
    }

    private void OnHeaderLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            if (_partLength <= 0)
            {
                throw new InvalidDataException("a part without Content-Length");
            }

            _jpegLeft = _partLength;
            _part = Part.Jpeg;
            return;
        }

        if (line.StartsWith("Content-Length: "u8))
        {
            if (!Utf8Parser.TryParse(line[16..], out _partLength, out _))
            {
                throw new InvalidDataException("bad Content-Length");
            }
        }
        else if (line.StartsWith("X-Timestamp: "u8))
        {
            if (!Utf8Parser.TryParse(line[13..], out _partTimestamp, out _))
            {
                throw new InvalidDataException("bad X-Timestamp");
            }
        }
        else if (line.StartsWith("--"u8))
        {
            _partLength = 0;
        }
    }

    private void OnPartComplete()
    {
        var now = Clock.Now;
        if (double.IsNaN(FirstFrameAt))
        {
            FirstFrameAt = now;
        }

        TotalFrames++;
        if (Recording)
        {
            Frames++;
            Bytes += _partLength;
            LatenciesMs.Add((float)((Clock.UnixNow - _partTimestamp) * 1000));
        }
    }

    private void AppendLine(ReadOnlySpan<byte> bytes)
    {
        if (_lineLength + bytes.Length > _line.Length)
        {
            throw new InvalidDataException("header line too long");
        }

        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
    }
}
