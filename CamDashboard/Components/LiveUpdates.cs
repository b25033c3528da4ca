using CamDashboard.Streaming.Events;

namespace CamDashboard.Components;

/// <summary>Re-renders a page when something it shows changes: the first event at once, a burst
/// within <see cref="Throttle"/> coalesced into one render at its end. A page whose figures move
/// without events (fps, bytes sent) also asks for one render each <see cref="FiguresPeriod"/>.
/// Events arrive on whatever thread published them and enter the page through its
/// <c>InvokeAsync</c>; disposing unsubscribes. Timers run on the app's <see cref="TimeProvider"/>,
/// so component tests decide when a throttled render happens.</summary>
internal sealed class LiveUpdates : IDisposable
{
    /// <summary>The shortest time between two renders for events.</summary>
    public static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(250);

    /// <summary>How often measured figures are drawn again, if the page has any.</summary>
    public static readonly TimeSpan FiguresPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Func<LiveEvent, bool> _relevant;
    private readonly Func<Func<Task>, Task> _invokeAsync;
    private readonly Func<Task> _render;
    private readonly IDisposable _subscription;
    private readonly ITimer _throttle;
    private readonly ITimer? _figures;
    private long _renderedAt;
    private bool _scheduled;
    private bool _disposed;

    /// <param name="events">The app's event stream.</param>
    /// <param name="time">The app's clock.</param>
    /// <param name="relevant">Whether an event concerns what the page shows.</param>
    /// <param name="invokeAsync">The page's <c>InvokeAsync</c>.</param>
    /// <param name="render">What to do on the page's thread: reload what it needs, then render.</param>
    /// <param name="figures">Whether the page shows figures that move without events.</param>
    public LiveUpdates(LiveEvents events, TimeProvider time, Func<LiveEvent, bool> relevant, Func<Func<Task>, Task> invokeAsync, Func<Task> render, bool figures = false)
    {
        _time = time;
        _relevant = relevant;
        _invokeAsync = invokeAsync;
        _render = render;
        _throttle = time.CreateTimer(_ => Render(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _figures = figures ? time.CreateTimer(_ => Render(), null, FiguresPeriod, FiguresPeriod) : null;
        _subscription = events.Subscribe(OnEvent);
    }

    /// <summary>For a page that only re-renders: <paramref name="stateHasChanged"/> is all it does.</summary>
    public LiveUpdates(LiveEvents events, TimeProvider time, Func<LiveEvent, bool> relevant, Func<Action, Task> invokeAsync, Action stateHasChanged, bool figures = false)
        : this(events, time, relevant, work => invokeAsync(() => _ = work()), () => { stateHasChanged(); return Task.CompletedTask; }, figures)
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _subscription.Dispose();
        _throttle.Dispose();
        _figures?.Dispose();
    }

    private void OnEvent(LiveEvent change)
    {
        if (!_relevant(change))
        {
            return;
        }

        TimeSpan wait;
        lock (_gate)
        {
            if (_disposed || _scheduled)
            {
                return;
            }

            _scheduled = true;
            wait = Throttle - _time.GetElapsedTime(_renderedAt);
        }

        if (wait > TimeSpan.Zero)
        {
            _throttle.Change(wait, Timeout.InfiniteTimeSpan);
        }
        else
        {
            Render();
        }
    }

    private void Render()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _scheduled = false;
            _renderedAt = _time.GetTimestamp();
        }

        _ = RenderAsync();
    }

    private async Task RenderAsync()
    {
        try
        {
            await _invokeAsync(_render);
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the event and its render.
        }
    }
}
