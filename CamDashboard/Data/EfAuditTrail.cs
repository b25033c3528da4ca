using CamDashboard.Streaming.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>The audit trail in SQLite: sign-ins, kicks, bans, settings, users.</summary>
internal sealed class EfAuditTrail(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IAuditTrail
{
    public async Task RecordAsync(string? user, string action, string detail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditEntry { At = time.GetUtcNow(), User = user, Action = action, Detail = detail });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest entries first.</summary>
    public async Task<List<AuditEntry>> LatestAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Audit.AsNoTracking().OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
    }
}
