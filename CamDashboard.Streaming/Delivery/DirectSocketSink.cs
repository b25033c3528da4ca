using System.Net.Sockets;
using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.Delivery;

/// <summary>Frames straight to the connection's socket (the first request of a plain HTTP/1.x
/// connection): each frame's part in one send, paced to the link by <see cref="DeliveryPacer"/>
/// where the socket's progress can be read. The response's head, end and linger are
/// <c>MjpegStreamResult</c>'s, which owns the socket.</summary>
internal sealed class DirectSocketSink(Socket socket, DeliveryPacer? pacer, TimeProvider time) : IFrameSink
{
    private int _lastPart;

    /// <summary>Whether a part is being sent now (an end now would cut it).</summary>
    public bool MidPart { get; private set; }

    public bool SeesTheLink => pacer is not null;

    public async ValueTask<TimeSpan> WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var from = time.GetTimestamp();
        await pacer!.WaitForRoomAsync(_lastPart, cancellationToken).ConfigureAwait(false);
        return time.GetElapsedTime(from);
    }

    public async ValueTask<FrameWrite> WriteAsync(EncodedFrame frame, CancellationToken cancellationToken)
    {
        MidPart = true;
        var from = time.GetTimestamp();
        await socket.SendAsync(frame.Part, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        // A frame larger than the send buffer waits in the send itself.
        var waited = time.GetElapsedTime(from);
        MidPart = false;
        _lastPart = frame.Part.Length;
        pacer?.Wrote(_lastPart);
        return new FrameWrite(_lastPart, waited);
    }
}
