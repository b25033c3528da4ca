using System.Threading.Channels;
using CamDashboard.Streaming.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Sends this node's <see cref="LiveEvents"/> to <see cref="EventsHub"/>'s clients: every
/// event to admins, camera states (without their errors) to those who may see the camera. Only
/// events that happened here: in a cluster, SignalR's backplane carries them to every node's
/// clients, and another node's events come from that node. Publishers never wait on a client: a
/// bounded queue sits between, and a queue that overflows (a stalled hub) drops events, counted.</summary>
internal sealed class EventsHubForwarder(LiveEvents events, IHubContext<EventsHub> hub, ILogger<EventsHubForwarder> logger) : BackgroundService
{
    private const int QueueLength = 10_000;
    private readonly Channel<LiveEvent> _queue = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(QueueLength) { SingleReader = true });
    private long _dropped;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(Enqueue);
        await foreach (var change in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SendAsync(change, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StreamingLog.HubSendFailed(logger, change.Type, ex);
            }

            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                StreamingLog.HubEventsDropped(logger, dropped);
            }
        }
    }

    private void Enqueue(LiveEvent change)
    {
        if (events.IsLocal(change) && !_queue.Writer.TryWrite(change))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task SendAsync(LiveEvent change, CancellationToken cancellationToken)
    {
        // As its own type, so that every field of the event is in its JSON.
        await hub.Clients.Group(EventsHub.Admins).SendCoreAsync(change.Type, [change], cancellationToken).ConfigureAwait(false);
        if (change is CameraStateChanged state)
        {
            await hub.Clients.Groups(EventsHub.Watchers, EventsHub.CameraGroup(state.CameraId))
                .SendCoreAsync(change.Type, [state with { Error = null }], cancellationToken).ConfigureAwait(false);
        }
        else if (change is CameraActivityChanged activity)
        {
            // Whether a camera sees movement is its state too: a wall screen on a token may follow it.
            await hub.Clients.Groups(EventsHub.Watchers, EventsHub.CameraGroup(activity.CameraId))
                .SendCoreAsync(change.Type, [activity], cancellationToken).ConfigureAwait(false);
        }
    }
}
