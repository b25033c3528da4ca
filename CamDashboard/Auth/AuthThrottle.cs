using System.Collections.Concurrent;
using System.Net;
using CamDashboard.Streaming.Auditing;

namespace CamDashboard.Auth;

/// <summary>Slows down password and token guessing without letting a stranger lock anyone out.
/// Failures are counted per address and per address + user name over a window; past a limit,
/// that address (or that address for that user) is refused with 429 until the window ends. No
/// account is ever locked: the owner signing in from elsewhere is not affected. A success resets
/// its address + user count (a cached Basic success too). ASP.NET Core's rate limiter counts
/// requests and cannot be reset by a success, so this counts failures itself.
/// Failures are audited once per window per address + user, and once more when the limit trips,
/// so a flood cannot flood the audit log.</summary>
internal sealed class AuthThrottle(TimeProvider time, IAuditTrail audit)
{
    /// <summary>How long failures count, and how long a tripped limit lasts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Failures for one user name from one address before that pair is refused.</summary>
    public const int PerAddressAndUser = 5;

    /// <summary>Failures from one address, whatever the user names, before the address is refused.</summary>
    public const int PerAddress = 20;

    /// <summary>Where an authentication handler leaves the wait for the challenge to answer 429.</summary>
    public const string RetryAfterItem = "camdashboard:retry-after";

    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new();

    /// <summary>How long the caller must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(IPAddress? address, string? userName)
    {
        var now = time.GetUtcNow();
        var wait = Blocked(AddressKey(address), PerAddress, now);
        if (userName is not null && Blocked(PairKey(address, userName), PerAddressAndUser, now) is { } pairWait)
        {
            wait = wait is { } w && w > pairWait ? w : pairWait;
        }

        return wait;
    }

    /// <summary>Counts a failed attempt; audits the first of a window and the one that trips the limit.</summary>
    public async Task RecordFailureAsync(IPAddress? address, string? userName, string how, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > PruneAbove)
        {
            Prune(now);
        }

        var user = LogText.Bounded(userName);
        var from = address?.ToString() ?? "unknown address";
        var addressCount = Count(AddressKey(address), now);
        var (count, limit) = userName is null ? (addressCount, PerAddress) : (Count(PairKey(address, userName), now), PerAddressAndUser);
        if (count == 1 || count == limit)
        {
            var detail = count == 1 ? $"{how} from {from}" : $"{how} from {from}: {count} failures in {Window.TotalMinutes:0} min, refused until {now + Window:HH:mm:ss} UTC";
            await audit.RecordAsync(user, count == 1 ? "sign-in failed" : "sign-in throttled", detail, cancellationToken);
        }
    }

    /// <summary>Forgets the failures of this user name from this address.</summary>
    public void RecordSuccess(IPAddress? address, string userName) => _failures.TryRemove(PairKey(address, userName), out _);

    private TimeSpan? Blocked(string key, int limit, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var failures) && failures.Count >= limit && failures.Since + Window > now
            ? failures.Since + Window - now
            : null;

    private int Count(string key, DateTimeOffset now) =>
        _failures.AddOrUpdate(key, _ => new Failures(now, 1), (_, f) => f.Since + Window <= now ? new Failures(now, 1) : f with { Count = f.Count + 1 }).Count;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (failures.Since + Window <= now)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private static string AddressKey(IPAddress? address) => $"a:{address}";

    // Bounded: a megabyte-long "user name" must not become a megabyte-long key.
    private static string PairKey(IPAddress? address, string userName) =>
        $"u:{address}:{(userName.Length > LogText.MaxLength ? userName[..LogText.MaxLength] : userName).ToUpperInvariant()}";

    private sealed record Failures(DateTimeOffset Since, int Count);
}
