using CamDashboard.Streaming.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>The audit trail in SQLite: sign-ins, kicks, bans, settings, users.</summary>
internal sealed class EfAuditTrail(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IAuditTrail
{
    public const int MaxActionLength = 64, MaxDetailLength = 1024;

    public async Task RecordAsync(string? user, string action, string detail, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Bounded here, before storage (SQLite ignores column lengths): no input can grow the log
        // by more than a kilobyte an entry, nor forge a line with a newline.
        db.Audit.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            User = LogText.Bounded(user),
            Action = LogText.Bounded(action, MaxActionLength)!,
            Detail = LogText.Bounded(detail, MaxDetailLength)!,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest entries first.</summary>
    public Task<List<AuditEntry>> LatestAsync(int count, CancellationToken cancellationToken) => PageAsync(0, count, cancellationToken);

    /// <summary>One page of entries, newest first: <paramref name="skip"/> newer ones left out.</summary>
    public async Task<List<AuditEntry>> PageAsync(int skip, int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Audit.AsNoTracking().OrderByDescending(e => e.Id).Skip(skip).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>How many entries there are.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Audit.CountAsync(cancellationToken);
    }
}
