using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace CamDashboard.Auth;

/// <summary>Checks user name and password against Identity, remembering verified pairs.
/// Identity's hash costs tens of milliseconds by design; a camera client that reconnects, or a
/// thousand viewers connecting at once with the same credentials, must not pay it each time.
/// A verified pair is kept under an HMAC with a per-process random key (never the password),
/// shared by concurrent first attempts (one hash for a burst), and re-checked against the
/// user's security stamp and lockout every few seconds — a password change, lockout or removal
/// ends it then, or at once through <see cref="Forget"/>.</summary>
internal sealed class CredentialVerifier(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);
    private const int PruneAbove = 10_000;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, VerifiedLogin> _verified = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<VerifyOutcome>>> _inFlight = new();

    public async Task<VerifyOutcome> VerifyAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var key = KeyOf(userName, password);
        var now = time.GetUtcNow();
        if (_verified.TryGetValue(key, out var login) && login.ExpiresAt > now)
        {
            if (now - login.CheckedAt < RecheckAfter)
            {
                return new VerifyOutcome(login.Principal, "");
            }

            if (await IsStillValidAsync(login))
            {
                _verified[key] = login with { CheckedAt = now };
                return new VerifyOutcome(login.Principal, "");
            }

            _verified.TryRemove(key, out _);
        }

        var attempt = _inFlight.GetOrAdd(key, k => new Lazy<Task<VerifyOutcome>>(() => CheckPasswordAsync(userName, password, k)));
        try
        {
            return await attempt.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, attempt));
        }
    }

    /// <summary>Drops every remembered login of a user, at once.</summary>
    public void Forget(string userId)
    {
        foreach (var (key, login) in _verified)
        {
            if (login.UserId == userId)
            {
                _verified.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Drops every remembered login of the user named <paramref name="userName"/> (as another node tells it), at once.</summary>
    public void ForgetUser(string userName)
    {
        foreach (var (key, login) in _verified)
        {
            if (string.Equals(login.Principal.Identity?.Name, userName, StringComparison.OrdinalIgnoreCase))
            {
                _verified.TryRemove(key, out _);
            }
        }
    }

    private async Task<VerifyOutcome> CheckPasswordAsync(string userName, string password, string key)
    {
        // Not the caller's token: a burst shares this attempt, and one caller leaving must not fail the rest.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            SpendAHash(scope.ServiceProvider, password);
            return new VerifyOutcome(null, "no such user");
        }

        // No lockout on failure: a stranger guessing must not lock the owner out (AuthThrottle
        // slows the guessing down per address instead).
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.IsLockedOut)
        {
            Forget(user.Id);
            return new VerifyOutcome(null, "locked out after repeated failures");
        }

        if (!result.Succeeded)
        {
            return new VerifyOutcome(null, "wrong password");
        }

        var claims = await signIn.CreateUserPrincipalAsync(user);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims.Claims, AuthSchemes.Basic, ClaimTypes.Name, ClaimTypes.Role));
        var now = time.GetUtcNow();
        if (_verified.Count > PruneAbove)
        {
            Prune(now);
        }

        _verified[key] = new VerifiedLogin(user.Id, user.SecurityStamp, principal, now, now + Lifetime);
        return new VerifyOutcome(principal, "");
    }

    /// <summary>Verifies <paramref name="password"/> against a throw-away hash, so that an unknown
    /// user name costs what a wrong password does and timing tells no one which names exist.</summary>
    public static void SpendAHash(IServiceProvider services, string password)
    {
        var hasher = services.GetRequiredService<IPasswordHasher<IdentityUser>>();
        var nobody = new IdentityUser("nobody");
        hasher.VerifyHashedPassword(nobody, DecoyHash.Value, password);
    }

    // Made once with the app's own hasher settings (iterations), so it costs the same to check.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser("nobody"), Guid.NewGuid().ToString()));

    private async Task<bool> IsStillValidAsync(VerifiedLogin login)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(login.UserId);
        return user is not null && user.SecurityStamp == login.SecurityStamp && !await users.IsLockedOutAsync(user);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, login) in _verified)
        {
            if (login.ExpiresAt <= now)
            {
                _verified.TryRemove(key, out _);
            }
        }
    }

    private string KeyOf(string userName, string password)
    {
        var material = Encoding.UTF8.GetBytes($"{userName.ToUpperInvariant()}\0{password}");
        return Convert.ToBase64String(HMACSHA256.HashData(_key, material));
    }

    private sealed record VerifiedLogin(string UserId, string? SecurityStamp, ClaimsPrincipal Principal, DateTimeOffset CheckedAt, DateTimeOffset ExpiresAt);
}

/// <summary>A verified principal, or null with the reason (for the log, never for the client).</summary>
internal sealed record VerifyOutcome(ClaimsPrincipal? Principal, string Failure);
