using System.Net.WebSockets;

namespace CamDashboard.Bench;

/// <summary>One tile socket, counting what it receives (whole messages: [id length][id][JPEG]).</summary>
internal sealed class TileSocket(ServerProcess server, string path)
{
    private long _bytes;
    private long _frames;

    public (long Bytes, long Frames) Snapshot() => (Interlocked.Read(ref _bytes), Interlocked.Read(ref _frames));

    public async Task RunAsync(CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", ServerProcess.Authorization);
        await socket.ConnectAsync(new Uri($"ws://{server.Endpoint}{path}"), stop);
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), stop);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException($"The server closed the tile socket: {socket.CloseStatus} {socket.CloseStatusDescription}");
                }

                Interlocked.Add(ref _bytes, received.Count);
                if (received.EndOfMessage)
                {
                    Interlocked.Increment(ref _frames);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
