using Microsoft.Data.Sqlite;
using Npgsql;

namespace CamDashboard.Data;

/// <summary>Whether the database takes writes: the last write that failed (a full disk, a read-only
/// file) and why, until one succeeds again. Storage failures are logged here, once a minute per
/// reason, not once per request with a stack trace.</summary>
internal sealed class StorageHealth(TimeProvider time, ILogger<StorageHealth> logger, string? folder = null)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _logged = [];
    private (string Reason, DateTimeOffset Since)? _failing;

    /// <summary>Why writes fail now, and since when; null while they work.</summary>
    public (string Reason, DateTimeOffset Since)? Failing
    {
        get
        {
            lock (_gate)
            {
                return _failing;
            }
        }
    }

    // SQLite's codes for storage that cannot take a write: busy, locked, read-only, I/O error,
    // corrupt, disk full, cannot open. A constraint broken (19) is the code's to answer, not this.
    private static readonly int[] StorageCodes = [5, 6, 8, 10, 11, 13, 14];

    // PostgreSQL's states for a server that cannot take a write: disk full, out of memory, a
    // read-only server (a standby), one that is starting or shutting down. A broken constraint
    // (23xxx) or a conflict (40xxx) is the code's to answer.
    private static readonly string[] PostgresStates = ["53100", "53200", "25006", "57P01", "57P02", "57P03"];

    /// <summary>Whether <paramref name="exception"/> is the database refusing a write (a full disk, a server gone), not a bug or a conflict.</summary>
    public static bool IsStorageFailure(Exception exception) => Find<SqliteException>(exception) is { } sqlite
        ? StorageCodes.Contains(sqlite.SqliteErrorCode)
        : Find<PostgresException>(exception) is { } postgres
            ? PostgresStates.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            : Find<NpgsqlException>(exception) is { IsTransient: true };

    /// <summary>What went wrong, in words an admin acts on: "the database could not be written: disk full".</summary>
    public string Describe(Exception exception)
    {
        var sqlite = Find<SqliteException>(exception);
        var postgres = Find<PostgresException>(exception);
        var why = (sqlite?.SqliteErrorCode, postgres?.SqlState) switch
        {
            // SQLite says "disk full" for the database file, but an I/O error when its log or its
            // index file cannot grow: the disk tells which.
            (13, _) => "disk full",
            (10, _) when IsDiskFull() => "disk full",
            (8, _) => "the file is read-only",
            (5 or 6, _) => "it is locked by another process",
            (10, _) => "an I/O error",
            (14, _) => "the file cannot be opened",
            (_, "53100") => "the server's disk is full",
            (_, "25006") => "the server is read-only",
            (null, null) when Find<NpgsqlException>(exception) is { IsTransient: true } => "the server cannot be reached",
            _ => sqlite?.Message ?? postgres?.MessageText ?? exception.GetBaseException().Message,
        };
        return $"the database could not be written: {why}";
    }

    private static T? Find<T>(Exception exception) where T : Exception =>
        exception as T ?? exception.InnerException as T ?? exception.GetBaseException() as T;

    private bool IsDiskFull()
    {
        if (folder is null)
        {
            return false;
        }

        var full = Path.GetFullPath(folder);
        var drive = DriveInfo.GetDrives()
            .Where(d => full.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
            .MaxBy(d => d.RootDirectory.FullName.Length);
        return drive is { IsReady: true, AvailableFreeSpace: < 256 * 1024 };
    }

    /// <summary>Records a failed write; logs it unless the same reason was logged within the minute.</summary>
    public string RecordFailure(Exception exception)
    {
        var reason = Describe(exception);
        var now = time.GetUtcNow();
        bool log;
        lock (_gate)
        {
            _failing = _failing is { Reason: var known } current && known == reason ? current : (reason, now);
            log = !_logged.TryGetValue(reason, out var at) || now - at >= LogEvery;
            if (log)
            {
                _logged[reason] = now;
            }
        }

        if (log)
        {
            DataLog.StorageFailed(logger, reason);
        }

        return reason;
    }

    /// <summary>A write went through: the database works again.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            if (_failing is null)
            {
                return;
            }

            _failing = null;
            _logged.Clear();
        }

        DataLog.StorageRecovered(logger);
    }
}
