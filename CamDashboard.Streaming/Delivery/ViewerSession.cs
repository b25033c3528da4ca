using CamDashboard.Streaming.FanOut;

namespace CamDashboard.Streaming.Delivery;

/// <summary>One viewer's loop, the same whichever way its frames leave: wait for room on the
/// link (where the sink sees it), take the next frame for this viewer, write it, record it, and
/// let the tier follow the link (where it may). Waiting for the client — for room or inside a
/// write — counts for the idle timeout. It ends by an exception of its tokens (the viewer
/// ended: the waiting token; the client gone: the writing one) or when the
/// sink is closed; the caller detaches the viewer in its <c>finally</c>.</summary>
internal static class ViewerSession
{
    public static async Task RunAsync(FrameRetriever retriever, IFrameSink sink, TierController? tiers, CancellationToken waiting, CancellationToken writing)
    {
        while (true)
        {
            var waited = TimeSpan.Zero;
            if (sink.SeesTheLink)
            {
                retriever.BeginWrite();
                waited = await sink.WaitForRoomAsync(waiting).ConfigureAwait(false);
                retriever.ClientReady();
            }

            var frame = await retriever.NextAsync(waiting).ConfigureAwait(false);
            retriever.BeginWrite();
            var write = await sink.WriteAsync(frame, writing).ConfigureAwait(false);
            if (write.IsClosed)
            {
                return;
            }

            retriever.Sent(write.Bytes);
            if (tiers is not null)
            {
                retriever.ChangeTier(tiers.OnFrameSent(waited + write.WaitedForLink));
            }
        }
    }
}
