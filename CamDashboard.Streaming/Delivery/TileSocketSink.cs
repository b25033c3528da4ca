using System.Net.WebSockets;
using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.Delivery;

/// <summary>One camera's frames on a dashboard's tile socket: a binary message
/// <c>[id length][id][JPEG]</c> per frame. The cameras of one socket take turns to send
/// (<paramref name="sending"/>): a message is never interleaved with another's.</summary>
internal sealed class TileSocketSink(WebSocket socket, string cameraId, SemaphoreSlim sending) : IFrameSink
{
    private readonly byte[] _header = Header(cameraId);

    public bool SeesTheLink => false;

    public ValueTask<TimeSpan> WaitForRoomAsync(CancellationToken cancellationToken) => ValueTask.FromResult(TimeSpan.Zero);

    public async ValueTask<FrameWrite> WriteAsync(EncodedFrame frame, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(_header, WebSocketMessageType.Binary, endOfMessage: false, cancellationToken).ConfigureAwait(false);
            await socket.SendAsync(frame.Jpeg, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return new FrameWrite(_header.Length + frame.Jpeg.Length, TimeSpan.Zero);
        }
        finally
        {
            sending.Release();
        }
    }

    private static byte[] Header(string cameraId)
    {
        var id = System.Text.Encoding.UTF8.GetBytes(cameraId);
        var header = new byte[id.Length + 1];
        header[0] = (byte)id.Length;
        id.CopyTo(header, 1);
        return header;
    }
}
