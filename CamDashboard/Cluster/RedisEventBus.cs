using System.Globalization;
using System.Text.Json;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using StackExchange.Redis;

namespace CamDashboard.Cluster;

/// <summary>Carries live events between nodes over Redis pub/sub: every event that happened here
/// goes out; every other node's comes in through <see cref="LiveEvents.Deliver"/>, in the order
/// it was sent, so pages, bans, settings and sessions here follow it. Also takes the requests to
/// end one of this node's viewers.</summary>
internal sealed class RedisEventBus(IConnectionMultiplexer redis, LiveEvents events, ViewerModeration moderation, ILogger<RedisEventBus> logger) : IHostedService
{
    /// <summary>How events are written on the wire.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IDisposable? _subscription;
    private ChannelMessageQueue? _incoming, _endRequests;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        // A queue, not a handler: messages are handled one at a time, in order (a ban, then its lift).
        _incoming = await subscriber.SubscribeAsync(ClusterKeys.Events).ConfigureAwait(false);
        _incoming.OnMessage(message => Receive(message.Message));
        _endRequests = await subscriber.SubscribeAsync(ClusterKeys.EndViewer(events.Node)).ConfigureAwait(false);
        _endRequests.OnMessage(message =>
        {
            if (long.TryParse(message.Message.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var viewerId))
            {
                moderation.EndHere(viewerId);
            }
        });
        _subscription = events.Subscribe(Send);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        foreach (var queue in new[] { _incoming, _endRequests })
        {
            if (queue is not null)
            {
                await queue.UnsubscribeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Send(LiveEvent change)
    {
        if (!events.IsLocal(change))
        {
            return;
        }

        // Queued by the multiplexer, in order; a publisher (a capture thread, a request) never waits for Redis.
        redis.GetSubscriber().Publish(ClusterKeys.Events, JsonSerializer.Serialize(change, Json), CommandFlags.FireAndForget);
    }

    private void Receive(RedisValue message)
    {
        LiveEvent? change;
        try
        {
            change = JsonSerializer.Deserialize<LiveEvent>(message.ToString(), Json);
        }
        catch (JsonException ex)
        {
            // Another version's event, or not ours: it is left out, and said once per message.
            ClusterLog.EventUnreadable(logger, ex.Message);
            return;
        }

        if (change is not null)
        {
            events.Deliver(change);
        }
    }
}
