using CamDashboard.Streaming.Activity;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Keeps each camera's periods of activity of the last 24 hours in the database.</summary>
internal sealed class EfActivityHistory(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IActivityHistory
{
    // A camera that never rests does not fill the page: the newest periods are enough to see a pattern.
    private const int MostListed = 500;

    public async Task RecordAsync(ActivityPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ActivityPeriods.Add(new ActivityPeriodRow
        {
            CameraId = period.CameraId,
            StartedUnixMs = period.Started.ToUnixTimeMilliseconds(),
            EndedUnixMs = period.Ended.ToUnixTimeMilliseconds(),
            Peak = period.Peak,
        });
        await db.SaveChangesAsync(cancellationToken);
        var oldest = (time.GetUtcNow() - IActivityHistory.Kept).ToUnixTimeMilliseconds();
        await db.ActivityPeriods.Where(p => p.EndedUnixMs < oldest).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ActivityPeriod>> ListAsync(string cameraId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var after = since.ToUnixTimeMilliseconds();
        var rows = await db.ActivityPeriods.AsNoTracking()
            .Where(p => p.CameraId == cameraId && p.EndedUnixMs > after)
            .OrderByDescending(p => p.StartedUnixMs).Take(MostListed)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ActivityPeriod(r.CameraId, DateTimeOffset.FromUnixTimeMilliseconds(r.StartedUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(r.EndedUnixMs), r.Peak))];
    }
}
