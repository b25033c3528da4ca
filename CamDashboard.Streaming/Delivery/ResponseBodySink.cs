using CamDashboard.Streaming.Frames;
using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Delivery;

/// <summary>Frames through Kestrel's response body (kept-alive or pipelined connections, TLS,
/// HTTP/2): each frame's shared, pre-framed part in one write. It has no view of the link.</summary>
internal sealed class ResponseBodySink(HttpResponse response) : IFrameSink
{
    public bool SeesTheLink => false;

    public ValueTask<TimeSpan> WaitForRoomAsync(CancellationToken cancellationToken) => ValueTask.FromResult(TimeSpan.Zero);

    public async ValueTask<FrameWrite> WriteAsync(EncodedFrame frame, CancellationToken cancellationToken)
    {
        var flush = await response.BodyWriter.WriteAsync(frame.Part, cancellationToken).ConfigureAwait(false);
        return flush.IsCompleted || flush.IsCanceled ? FrameWrite.Closed : new FrameWrite(frame.Part.Length, TimeSpan.Zero);
    }
}
