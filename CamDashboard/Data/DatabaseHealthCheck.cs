using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CamDashboard.Data;

/// <summary>The database: unhealthy when it cannot be opened (no sign-in, ban or token check works
/// without it); degraded while it takes no writes (a full disk: streams go on, changes are refused).
/// Whether it takes writes is tried with a real write (SQLite: of the header's user version; a server: of one row; unchanged),
/// at most every few seconds, so it recovers by itself when space comes back.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> contexts, StorageHealth storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan TryWriteEvery = TimeSpan.FromSeconds(5);
    private int _trying;
    private DateTimeOffset _lastTry;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database cannot be opened.");
        }

        await TryWriteAsync(db, cancellationToken);
        return storage.Failing is { } failing
            ? HealthCheckResult.Degraded($"{char.ToUpperInvariant(failing.Reason[0])}{failing.Reason[1..]} (since {failing.Since:u}); changes are refused, streams go on.")
            : HealthCheckResult.Healthy("The database answers and takes writes.");
    }

    private async Task TryWriteAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // One try at a time; the others report what it found.
        if (time.GetUtcNow() - _lastTry < TryWriteEvery || Interlocked.Exchange(ref _trying, 1) == 1)
        {
            return;
        }

        try
        {
            _lastTry = time.GetUtcNow();
            if (db.Database.IsSqlite())
            {
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync(cancellationToken);
                await using var read = connection.CreateCommand();
                read.CommandText = "PRAGMA user_version";
                var version = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                await using var write = connection.CreateCommand();
                write.CommandText = $"PRAGMA user_version = {version}";
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                // A server's write of one row, unchanged: a read-only or full server refuses it.
                await db.Database.ExecuteSqlRawAsync("""
                    UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion"
                    WHERE "MigrationId" = (SELECT max("MigrationId") FROM "__EFMigrationsHistory")
                    """, cancellationToken);
            }

            storage.RecordSuccess();
        }
        catch (Exception ex) when (StorageHealth.IsStorageFailure(ex))
        {
            storage.RecordFailure(ex);
        }
        finally
        {
            Volatile.Write(ref _trying, 0);
        }
    }
}
