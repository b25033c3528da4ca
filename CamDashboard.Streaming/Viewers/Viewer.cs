using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Timing;

namespace CamDashboard.Streaming.Viewers;

/// <summary>One live connection in the registry, with its delivery counters. Counters are
/// written only by the connection's own request and read by anyone.</summary>
public sealed class Viewer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly RateMeter _sent;
    private readonly CancellationTokenSource _ended = new();
    private long _bytesSent;
    private long _framesDropped;
    private long _writingSince;
    private int _tier;

    internal Viewer(long id, ViewerDescription description, TimeProvider time)
    {
        Id = id;
        Description = description;
        _time = time;
        _sent = new RateMeter(time);
        ConnectedAt = time.GetUtcNow();
    }

    /// <summary>The registry's id for this connection.</summary>
    public long Id { get; }

    /// <summary>Camera, kind, user, address and user agent.</summary>
    public ViewerDescription Description { get; }

    /// <summary>When the connection started.</summary>
    public DateTimeOffset ConnectedAt { get; }

    /// <summary>Frames delivered.</summary>
    public long FramesSent => _sent.Count;

    /// <summary>Bytes delivered.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Frames this viewer missed because it was still busy with an earlier one.</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Frames delivered per second, measured.</summary>
    public double Fps => _sent.Rate;

    /// <summary>The rendition this viewer is sent now.</summary>
    public FrameTier Tier
    {
        get => (FrameTier)Volatile.Read(ref _tier);
        internal set => Volatile.Write(ref _tier, (int)value);
    }

    /// <summary>Whether the server picks the tier from how fast the connection takes frames
    /// (rather than the client pinning one with <c>?tier=</c>).</summary>
    public bool TierIsAdaptive { get; internal set; }

    /// <summary>Whether the viewer's client asked for no frames for now (a dashboard tile scrolled
    /// out of sight): it stays connected and kickable, and the camera need not encode for it.</summary>
    public bool IsPaused { get; internal set; }

    /// <summary>Whether the viewer was kicked or timed out.</summary>
    public bool IsEnded => _ended.IsCancellationRequested;

    /// <summary>Cancelled when the viewer is kicked or times out.</summary>
    internal CancellationToken Ended => _ended.Token;

    public void Dispose() => _ended.Dispose();

    internal void RecordDropped(long frames) => Interlocked.Add(ref _framesDropped, frames);

    internal void BeginWrite() => Volatile.Write(ref _writingSince, _time.GetTimestamp());

    internal void ClientReady() => Volatile.Write(ref _writingSince, 0);

    internal void EndWrite(int bytes)
    {
        Volatile.Write(ref _writingSince, 0);
        Interlocked.Add(ref _bytesSent, bytes);
        _sent.Tick();
    }

    /// <summary>How long the current write has been waiting for the client; zero when none is.</summary>
    internal TimeSpan WriteBlockedFor()
    {
        var since = Volatile.Read(ref _writingSince);
        return since == 0 ? TimeSpan.Zero : _time.GetElapsedTime(since);
    }

    internal void End()
    {
        try
        {
            _ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already gone: the request ended first.
        }
    }
}
