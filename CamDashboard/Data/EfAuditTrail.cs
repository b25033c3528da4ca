using CamDashboard.Streaming.Auditing;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>The audit trail in the database: sign-ins, kicks, bans, settings, users.</summary>
/// <para>An entry that cannot be written (a full disk) is not worth failing what it records: the
/// action stands (it was stored, or is a kick, which stores nothing), and the failure is logged
/// and shown on <c>/healthz</c>.</para>
internal sealed class EfAuditTrail(IDbContextFactory<AppDbContext> contexts, TimeProvider time, StorageHealth storage) : IAuditTrail
{
    public const int MaxActionLength = 64, MaxDetailLength = 1024;

    public async Task RecordAsync(string? user, string action, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(user, action, detail, cancellationToken);
        }
        catch (Exception ex) when (StorageHealth.IsStorageFailure(ex))
        {
            storage.RecordFailure(ex);
        }
    }

    private async Task WriteAsync(string? user, string action, string detail, CancellationToken cancellationToken)
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
    public Task<List<AuditEntry>> LatestAsync(int count, CancellationToken cancellationToken) => PageAsync(AuditQuery.All, 0, count, cancellationToken);

    /// <summary>One page of the entries <paramref name="query"/> selects, newest first: <paramref name="skip"/> newer ones left out.</summary>
    public async Task<List<AuditEntry>> PageAsync(AuditQuery query, int skip, int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Select(db, query).AsNoTracking().OrderByDescending(e => e.Id).Skip(skip).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>How many entries <paramref name="query"/> selects.</summary>
    public async Task<int> CountAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Select(db, query).CountAsync(cancellationToken);
    }

    /// <summary>Every action recorded so far, for the filter.</summary>
    public async Task<List<string>> ActionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Audit.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    private static IQueryable<AuditEntry> Select(AppDbContext db, AuditQuery query)
    {
        var entries = query.Since switch
        {
            null => db.Audit,
            // SQLite keeps the time as text; EF cannot compare it there, but every entry is stored
            // in UTC in one fixed format, so comparing the text compares the times.
            { } since when db.Database.IsSqlite() => db.Audit.FromSqlInterpolated($"SELECT * FROM Audit WHERE At >= {since.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture)}"),
            { } since => db.Audit.Where(e => e.At >= since.ToUniversalTime()),
        };
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var pattern = "%" + query.User.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            entries = entries.Where(e => e.User != null && EF.Functions.Like(e.User, pattern, "\\"));
        }

        return entries;
    }
}

/// <summary>Which audit entries to show: one action, a user name containing a text, since a time; null selects all.</summary>
internal sealed record AuditQuery(string? Action = null, string? User = null, DateTimeOffset? Since = null)
{
    public static readonly AuditQuery All = new();
}
