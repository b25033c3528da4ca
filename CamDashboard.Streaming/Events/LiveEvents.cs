using CamDashboard.Streaming.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Events;

/// <summary>The one stream of changes in this process: cameras, viewers, bans, users, tokens.
/// Pages and <c>/hubs/events</c> subscribe instead of polling. A subscriber is called on the
/// publisher's thread (a capture thread, a request) and must only take note — set a flag, queue
/// a render, write to a channel — never block or call back. Events from other nodes of a cluster
/// enter through <see cref="Deliver"/> and reach the same subscribers.</summary>
public sealed class LiveEvents
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger<LiveEvents> _logger;
    private Action<LiveEvent>[] _subscribers = [];

    /// <summary>Creates the stream of the node named in <see cref="CameraStreamingOptions.Node"/>.</summary>
    public LiveEvents(TimeProvider time, IOptions<CameraStreamingOptions> options, ILogger<LiveEvents> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        Node = options.Value.Node;
    }

    /// <summary>This node's name (empty on a single node).</summary>
    public string Node { get; }

    /// <summary>How many subscriptions are open (a page that closed has none left).</summary>
    internal int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    /// <summary>Whether <paramref name="change"/> happened on this node.</summary>
    public bool IsLocal(LiveEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Node == Node;
    }

    /// <summary>Calls <paramref name="handler"/> with every event from now until the result is disposed.</summary>
    public IDisposable Subscribe(Action<LiveEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Announces a change that happened here: stamped with the time and this node.</summary>
    public void Publish(LiveEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Dispatch(change with { At = _time.GetUtcNow(), Node = Node });
    }

    /// <summary>Hands on an event another node published, as it was stamped there.</summary>
    public void Deliver(LiveEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!IsLocal(change))
        {
            Dispatch(change);
        }
    }

    private void Dispatch(LiveEvent change)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(change);
            }
#pragma warning disable CA1031 // One broken subscriber must not keep the event from the others, nor fail the publisher.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                StreamingLog.SubscriberFailed(_logger, change.Type, ex);
            }
        }
    }

    private void Unsubscribe(Action<LiveEvent> handler)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != handler)];
        }
    }

    private sealed class Subscription(LiveEvents events, Action<LiveEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                events.Unsubscribe(handler);
            }
        }
    }
}
