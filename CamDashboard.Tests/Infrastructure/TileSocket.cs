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

    public static async Task<TileSocket> OpenAsync(TestApp app, string query)
    {
        var tiles = new TileSocket();
        tiles._socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        await tiles._socket.ConnectAsync(new UriBuilder(app.Address) { Scheme = "ws", Path = "/ws/tiles", Query = query }.Uri, default);
        return tiles;
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

    public void Dispose() => _socket.Dispose();
}
