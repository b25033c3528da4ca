using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Sources;

namespace CamDashboard.Streaming.Cameras;

/// <summary>What a camera's viewers want, and so what each of its streams must do: the one
/// place that decides when a stream decodes and when it is in standby. Viewers register per
/// tier with their own fps cap; each tier comes from the substream (small, low) while it is
/// healthy and from the main stream otherwise. A stream is asked for frames while a tier it
/// feeds is watched (at the fastest rate one of them wants, within the camera's max fps), while
/// it has not yet delivered its first frame (so its format and size are known), and — the main
/// stream — always with <c>AlwaysOn</c>. When its last viewer leaves it keeps going for
/// <see cref="StreamingLimits.StandbyAfter"/> (a viewer moving from the grid to a camera page
/// comes back at once), then stands by. Each change hands the capture loops a new
/// <see cref="SourceDemand"/> and cancels the old one's token, which wakes them.</summary>
internal sealed class CameraDemand : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Camera _camera;
    private readonly TimeProvider _time;
    private readonly StreamingLimits _limits;
    // Per tier, the number of viewers at each fps cap (0: no cap of their own).
    private readonly Dictionary<int, int>[] _viewers = [.. FrameTiers.All.Select(_ => new Dictionary<int, int>())];
    private readonly Duty[] _duties = [new(), new()];

    public CameraDemand(Camera camera, TimeProvider time, StreamingLimits limits)
    {
        _camera = camera;
        _time = time;
        _limits = limits;
        Reevaluate();
    }

    /// <summary>Registers a viewer of <paramref name="tier"/>; disposing the lease ends its demand.</summary>
    public IDisposable Watch(FrameTier tier, int? maxFps)
    {
        var cap = maxFps is > 0 ? maxFps.Value : 0;
        lock (_gate)
        {
            var counts = _viewers[(int)tier];
            counts[cap] = counts.GetValueOrDefault(cap) + 1;
        }

        Reevaluate();
        return new Lease(this, tier, cap);
    }

    /// <summary>Whether anyone watches <paramref name="tier"/>.</summary>
    public bool IsWatched(FrameTier tier)
    {
        lock (_gate)
        {
            return _viewers[(int)tier].Count > 0;
        }
    }

    /// <summary>The fastest rate a viewer of <paramref name="tier"/> wants, within the camera's max fps.</summary>
    public int WantedFps(FrameTier tier)
    {
        lock (_gate)
        {
            return WantedFpsLocked(tier);
        }
    }

    /// <summary>The stream <paramref name="tier"/>'s frames come from now.</summary>
    public StreamRole SourceOf(FrameTier tier) =>
        tier != FrameTier.Full && _camera.Substream is { IsHealthy: true } ? StreamRole.Sub : StreamRole.Main;

    /// <summary>What <paramref name="role"/>'s capture loop is asked for now.</summary>
    public SourceDemand DemandFor(StreamRole role)
    {
        lock (_gate)
        {
            return _duties[(int)role].Demand!;
        }
    }

    /// <summary>Works out again what each stream must do (viewers, settings, a stream's health or
    /// its first frame changed; a standby delay ran out); a stream whose task changed is woken.</summary>
    public void Reevaluate()
    {
        List<CancellationTokenSource> superseded = [];
        lock (_gate)
        {
            foreach (var role in (StreamRole[])[StreamRole.Main, StreamRole.Sub])
            {
                if (Decide(role, _duties[(int)role]) is { } replaced)
                {
                    superseded.Add(replaced);
                }
            }
        }

        // Outside the lock: cancelling runs the waiting capture loops' registrations.
        foreach (var changed in superseded)
        {
            changed.Cancel();
            changed.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var duty in _duties)
            {
                duty.Linger?.Dispose();
                duty.Changes.Dispose();
            }
        }
    }

    // Under the lock: the new demand of one stream; returns the token source it replaced, if any.
    private CancellationTokenSource? Decide(StreamRole role, Duty duty)
    {
        var stream = role == StreamRole.Main ? _camera.Main : _camera.Substream;
        var watched = FrameTiers.All.Where(t => _viewers[(int)t].Count > 0 && SourceOf(t) == role).ToList();
        var alwaysOn = role == StreamRole.Main && _camera.Options.AlwaysOn;
        var settings = _camera.Settings;
        SourceDemand? wanted = null;
        if (stream is not null && (watched.Count > 0 || alwaysOn || !stream.HasDelivered))
        {
            var fps = watched.Count == 0 ? settings.MaxFps : watched.Max(WantedFpsLocked);
            // Only the main stream is scaled down for tiles: a substream is small already.
            var smallOnly = role == StreamRole.Main && !alwaysOn && watched is [FrameTier.Small];
            wanted = new SourceDemand(true, fps, smallOnly, _limits.StandbyCheckInterval, default);
            // Lingering follows viewers only: the first frame a stream delivers on its own is no reason to stay awake.
            duty.LingerAfter = watched.Count > 0 || alwaysOn;
            duty.Linger?.Dispose();
            duty.Linger = null;
        }
        else if (duty.Demand is { Frames: true } current && duty.LingerAfter)
        {
            // The last viewer just left: keep this demand for a while, then stand by.
            duty.LingerAfter = false;
            var generation = ++duty.LingerGeneration;
            duty.Linger = _time.CreateTimer(_ => EndLinger(duty, generation), null, _limits.StandbyAfter, Timeout.InfiniteTimeSpan);
            wanted = current;
        }
        else if (duty.Linger is not null && duty.Demand is { } lingering)
        {
            wanted = lingering;
        }

        wanted ??= new SourceDemand(false, settings.MaxFps, false, _limits.StandbyCheckInterval, default);
        if (wanted.SameOutput(duty.Demand))
        {
            return null;
        }

        var replaced = duty.Demand is null ? null : duty.Changes;
        duty.Changes = new CancellationTokenSource();
        duty.Demand = wanted with { Changed = duty.Changes.Token };
        return replaced;
    }

    private void EndLinger(Duty duty, int generation)
    {
        lock (_gate)
        {
            // A viewer who came back meanwhile ended this wait already (and maybe began another).
            if (duty.Linger is not { } linger || duty.LingerGeneration != generation)
            {
                return;
            }

            linger.Dispose();
            duty.Linger = null;
        }

        Reevaluate();
    }

    private int WantedFpsLocked(FrameTier tier)
    {
        var max = _camera.Settings.MaxFps;
        var caps = _viewers[(int)tier].Keys;
        return caps.Count == 0 || caps.Contains(0) ? max : Math.Min(max, caps.Max());
    }

    private void Unwatch(FrameTier tier, int cap)
    {
        lock (_gate)
        {
            var counts = _viewers[(int)tier];
            if (--counts[cap] == 0)
            {
                counts.Remove(cap);
            }
        }

        Reevaluate();
    }

    private sealed class Duty
    {
        public SourceDemand? Demand { get; set; }

        public CancellationTokenSource Changes { get; set; } = new();

        public bool LingerAfter { get; set; }

        public int LingerGeneration { get; set; }

        public ITimer? Linger { get; set; }
    }

    private sealed class Lease(CameraDemand demand, FrameTier tier, int cap) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                demand.Unwatch(tier, cap);
            }
        }
    }
}
