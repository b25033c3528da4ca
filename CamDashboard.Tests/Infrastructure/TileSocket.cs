using System.Net.WebSockets;
using System.Text;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>A dashboard's tile socket (<c>/ws/tiles</c>) as a program sees it: each message is
/// one camera's frame, <c>[id length][id][JPEG]</c>.</summary>
public sealed class TileSocket : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[4 << 20];

    private TileSocket()
    {
    }

    /// <param name="receiveBuffer">The client socket's receive buffer, in bytes: small for a client that falls behind.</param>
    public static async Task<TileSocket> OpenAsync(TestApp app, string query, int? receiveBuffer = null)
    {
        var tiles = new TileSocket();
        tiles._socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        var uri = new UriBuilder(app.Address) { Scheme = "ws", Path = "/ws/tiles", Query = query }.Uri;
        if (receiveBuffer is not { } size)
        {
            await tiles._socket.ConnectAsync(uri, default);
            return tiles;
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = size };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        await tiles._socket.ConnectAsync(uri, new HttpMessageInvoker(handler), default);
        return tiles;
    }

    /// <summary>Reads what is left, then the server's close: its status.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync(double timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while ((await _socket.ReceiveAsync(_buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        return _socket.CloseStatus;
    }

    /// <summary>The next tile frame: which camera, and its JPEG.</summary>
    public async Task<(string Camera, byte[] Jpeg)> ReceiveAsync(double timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var length = 0;
        WebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer, length, _buffer.Length - length), timeout.Token);
            length += received.Count;
        }
        while (!received.EndOfMessage);

        var idLength = _buffer[0];
        return (Encoding.UTF8.GetString(_buffer, 1, idLength), _buffer.AsSpan(1 + idLength, length - 1 - idLength).ToArray());
    }

    /// <summary>Says what a page says: a text message, e.g. which tiles are on screen.</summary>
    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, default);

    public void Dispose() => _socket.Dispose();
}
