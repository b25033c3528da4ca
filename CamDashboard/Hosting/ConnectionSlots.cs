using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace CamDashboard.Hosting;

/// <summary>The server's connection slots (<c>Server:MaxConnections</c>). At the cap a new
/// connection is not simply refused: a slot is taken back first from a connection that never
/// finished sending a request (an idle socket: the cheapest flood there is), else from one that
/// never signed in and has no request running (a probe's keep-alive, a sign-in page left open), the
/// oldest first. Only when every slot does signed-in work (a viewer, a dashboard) is the new
/// connection refused — running viewers are never cut. So a flood of idle or anonymous sockets
/// cannot keep a signed-in user out. Refusals are logged at most every ten seconds.</summary>
internal sealed class ConnectionSlots(int max, ILogger logger)
{
    private static readonly long LogEvery = TimeSpan.FromSeconds(10).Ticks;
    private readonly Lock _gate = new();
    private readonly LinkedList<Slot> _open = new();
    private long _refused;
    private long _shed;
    private long _loggedAt;

    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var slot = new Slot(connection);
        Slot? victim = null;
        lock (_gate)
        {
            if (_open.Count >= max && (victim = Victim()) is null)
            {
                Interlocked.Increment(ref _refused);
            }
            else
            {
                if (victim is not null)
                {
                    _open.Remove(victim.Node!);
                    Interlocked.Increment(ref _shed);
                }

                slot.Node = _open.AddLast(slot);
            }
        }

        if (slot.Node is null)
        {
            Report();
            connection.Abort(new ConnectionAbortedException("Every connection slot is doing signed-in work."));
            return;
        }

        victim?.Connection.Abort(new ConnectionAbortedException("Shed to make room: it had sent no request, or was not signed in and idle."));
        connection.Items[typeof(Slot)] = slot;
        try
        {
            await next(connection);
        }
        finally
        {
            lock (_gate)
            {
                if (slot.Node.List is not null)
                {
                    _open.Remove(slot.Node);
                }
            }
        }
    };

    /// <summary>Marks what a connection is doing: a request of a signed-in user or not, from its
    /// headers to its end. Runs after authentication.</summary>
    public static async Task TrackAsync(HttpContext context, Func<Task> next)
    {
        var slot = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(typeof(Slot), out var item) == true ? item as Slot : null;
        slot?.Begin(context.User.Identity?.IsAuthenticated == true);
        try
        {
            await next();
        }
        finally
        {
            slot?.End();
        }
    }

    // Under the lock: the oldest connection that never sent a whole request, else the oldest
    // anonymous one with nothing running.
    private Slot? Victim()
    {
        Slot? anonymousIdle = null;
        foreach (var slot in _open)
        {
            if (!slot.SawRequest)
            {
                return slot;
            }

            anonymousIdle ??= !slot.SignedIn && slot.Running == 0 ? slot : null;
        }

        return anonymousIdle;
    }

    private void Report()
    {
        var now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
        var last = Interlocked.Read(ref _loggedAt);
        if (now - last >= LogEvery && Interlocked.CompareExchange(ref _loggedAt, now, last) == last)
        {
            ServerLog.ConnectionCapReached(logger, max, Interlocked.Exchange(ref _refused, 0), Interlocked.Exchange(ref _shed, 0));
        }
    }

    private sealed class Slot(ConnectionContext connection)
    {
        private int _running;

        public ConnectionContext Connection { get; } = connection;

        public LinkedListNode<Slot>? Node { get; set; }

        public bool SawRequest { get; private set; }

        public bool SignedIn { get; private set; }

        public int Running => Volatile.Read(ref _running);

        public void Begin(bool signedIn)
        {
            SawRequest = true;
            SignedIn |= signedIn;
            Interlocked.Increment(ref _running);
        }

        public void End() => Interlocked.Decrement(ref _running);
    }
}
