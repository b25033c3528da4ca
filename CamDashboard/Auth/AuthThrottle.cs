using System.Collections.Concurrent;
using System.Net;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Viewers;

namespace CamDashboard.Auth;

/// <summary>Slows down password and token guessing without letting a stranger lock anyone out.
/// Failures are counted per address and per address + user name over a window; past a limit,
/// that address (or that address for that user) is refused with 429 until the window ends. An
/// address is an IPv6 /64 (one host can take a whole /64). Guessing one user from many addresses
/// is slowed too: past <see cref="FreePerUser"/> failures for a user in a window, each further
/// try for that user waits twice as long as the last (up to <see cref="LongestUserWait"/>), from
/// any address the user has not signed in from — so the owner, from where they signed in before,
/// is never refused, and no account is ever locked. A success resets its address + user count (a
/// cached Basic success too). ASP.NET Core's rate limiter counts requests and cannot be reset by a
/// success, so this counts failures itself.
/// Failures are audited once per window per address + user, and once more when the limit trips,
/// so a flood cannot flood the audit log.</summary>
internal sealed class AuthThrottle(TimeProvider time, IAuditTrail audit)
{
    /// <summary>Failures for one user name, from anywhere, before its guessers are slowed.</summary>
    public const int FreePerUser = 10;

    /// <summary>The longest wait between two tries of a user under attack.</summary>
    public static readonly TimeSpan LongestUserWait = TimeSpan.FromSeconds(30);

    private const int KnownAddressesPerUser = 32;
    private readonly ConcurrentDictionary<string, UserFailures> _users = new();
    private readonly ConcurrentDictionary<string, string[]> _signedInFrom = new();
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
            wait = Max(wait, pairWait);
        }

        if (userName is not null && UserWait(address, userName, now) is { } userWait)
        {
            wait = Max(wait, userWait);
        }

        return wait;
    }

    /// <summary>Counts a failed attempt; audits the first of a window and the one that trips the limit.</summary>
    public async Task RecordFailureAsync(IPAddress? address, string? userName, string how, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_failures.Count > PruneAbove || _users.Count > PruneAbove)
        {
            Prune(now);
        }

        var user = LogText.Bounded(userName);
        var from = address?.ToString() ?? "unknown address";
        var addressCount = Count(AddressKey(address), now);
        if (userName is not null)
        {
            _users.AddOrUpdate(UserKey(userName), _ => new UserFailures(now, 1, now), (_, f) => f.Since + Window <= now ? new UserFailures(now, 1, now) : new UserFailures(f.Since, f.Count + 1, now));
        }

        var (count, limit) = userName is null ? (addressCount, PerAddress) : (Count(PairKey(address, userName), now), PerAddressAndUser);
        if (count == 1 || count == limit)
        {
            var detail = count == 1 ? $"{how} from {from}" : $"{how} from {from}: {count} failures in {Window.TotalMinutes:0} min, refused until {now + Window:HH:mm:ss} UTC";
            await audit.RecordAsync(user, count == 1 ? AuditActions.SignInFailed : AuditActions.SignInThrottled, detail, cancellationToken);
        }
    }

    /// <summary>Forgets the failures of this user name from this address, and remembers it as one
    /// the user signs in from (never slowed for that user).</summary>
    public void RecordSuccess(IPAddress? address, string userName)
    {
        _failures.TryRemove(PairKey(address, userName), out _);
        var group = Group(address);
        _signedInFrom.AddOrUpdate(UserKey(userName), _ => [group], (_, known) => known.Contains(group) ? known : [group, .. known.Take(KnownAddressesPerUser - 1)]);
    }

    // The wait before the next try for a user many addresses have guessed at: 1 s past the free
    // failures, doubling with each one, from the last failure.
    private TimeSpan? UserWait(IPAddress? address, string userName, DateTimeOffset now)
    {
        var key = UserKey(userName);
        if (!_users.TryGetValue(key, out var failures) || failures.Since + Window <= now || failures.Count < FreePerUser
            || (_signedInFrom.TryGetValue(key, out var known) && known.Contains(Group(address))))
        {
            return null;
        }

        var wait = TimeSpan.FromSeconds(Math.Min(LongestUserWait.TotalSeconds, Math.Pow(2, Math.Min(failures.Count - FreePerUser, 16))));
        var until = failures.Last + wait;
        return until > now ? until - now : null;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan b) => a is { } w && w > b ? w : b;

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

        foreach (var (key, failures) in _users)
        {
            if (failures.Since + Window <= now)
            {
                _users.TryRemove(key, out _);
            }
        }
    }

    private static string Group(IPAddress? address) => address is null ? "unknown" : AddressGroup.Of(address);

    private static string AddressKey(IPAddress? address) => $"a:{Group(address)}";

    // Bounded: a megabyte-long "user name" must not become a megabyte-long key.
    private static string UserKey(string userName) => (userName.Length > LogText.MaxLength ? userName[..LogText.MaxLength] : userName).ToUpperInvariant();

    private static string PairKey(IPAddress? address, string userName) => $"u:{Group(address)}:{UserKey(userName)}";

    private sealed record Failures(DateTimeOffset Since, int Count);

    private sealed record UserFailures(DateTimeOffset Since, int Count, DateTimeOffset Last);
}
