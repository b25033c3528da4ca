namespace CamDashboard.Streaming.Activity;

/// <summary>Where ended periods of activity are kept, for the camera page's last 24 hours.</summary>
public interface IActivityHistory
{
    /// <summary>How far back the history goes; older periods are dropped.</summary>
    static TimeSpan Kept => TimeSpan.FromHours(24);

    /// <summary>Keeps an ended period (and drops those older than <see cref="Kept"/>).</summary>
    Task RecordAsync(ActivityPeriod period, CancellationToken cancellationToken);

    /// <summary>The camera's periods that ended after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<ActivityPeriod>> ListAsync(string cameraId, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>The history in memory, when the host keeps no database.</summary>
internal sealed class InMemoryActivityHistory(TimeProvider time) : IActivityHistory
{
    private readonly Lock _gate = new();
    private readonly List<ActivityPeriod> _periods = [];

    public Task RecordAsync(ActivityPeriod period, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var oldest = time.GetUtcNow() - IActivityHistory.Kept;
            _periods.RemoveAll(p => p.Ended < oldest);
            _periods.Add(period);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ActivityPeriod>> ListAsync(string cameraId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ActivityPeriod>>(
                [.. _periods.Where(p => p.Ended > since && string.Equals(p.CameraId, cameraId, StringComparison.OrdinalIgnoreCase)).OrderByDescending(p => p.Started)]);
        }
    }
}
