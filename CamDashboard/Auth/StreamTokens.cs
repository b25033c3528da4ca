using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CamDashboard.Data;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Auth;

/// <summary>Stream tokens: created (the secret is returned once), listed, revoked, and checked
/// per request against an in-memory copy of the valid ones — a thousand viewers reconnecting
/// must not each query the database. Revoking a token, or its expiry, ends the streams using it.</summary>
internal sealed class StreamTokens : IDisposable
{
    public const string Prefix = "cdt_";

    /// <summary>Longest token name kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The claim (its value: the token's id) of a principal signed in with a token: a
    /// kiosk's cookie session, which lasts only as long as its token.</summary>
    public const string IdClaimType = "camdashboard:token";
    private static readonly TimeSpan ExpirySweep = TimeSpan.FromSeconds(1);
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly IAuditTrail _audit;
    private readonly IViewerRegistry _viewers;
    private readonly ViewerModeration _moderation;
    private readonly CameraCatalog _cameras;
    private readonly LiveEvents _events;
    private readonly ITimer _sweep;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ConcurrentDictionary<string, StreamToken>? _valid;
    private int _generation;

    public StreamTokens(IDbContextFactory<AppDbContext> contexts, TimeProvider time, IAuditTrail audit, IViewerRegistry viewers, ViewerModeration moderation, CameraCatalog cameras, LiveEvents events)
    {
        _events = events;
        _cameras = cameras;
        _contexts = contexts;
        _time = time;
        _audit = audit;
        _viewers = viewers;
        _moderation = moderation;
        _sweep = time.CreateTimer(_ => _ = EndExpiredAsync(), null, ExpirySweep, ExpirySweep);
    }

    /// <summary>The name a token's viewers carry in the registry: its name for people, its id so
    /// that two tokens of the same name are told apart (revoking one ends only its streams).</summary>
    public static string PrincipalName(StreamToken token) => PrincipalName(token.Name, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The name of the token <paramref name="id"/> called <paramref name="name"/>'s viewers.</summary>
    public static string PrincipalName(string name, string id) => $"token:{name}#{id}";

    /// <summary>Reads the tokens from the database again at their next use (another node created or revoked one).</summary>
    public void Reload()
    {
        Interlocked.Increment(ref _generation);
        _valid = null;
    }

    public async Task<List<StreamToken>> ListAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        var tokens = await db.StreamTokens.AsNoTracking().ToListAsync();
        return [.. tokens.OrderByDescending(t => t.CreatedAt)];
    }

    /// <summary>Creates a token and returns its secret, which is never shown again.</summary>
    public async Task<string> CreateAsync(string name, string? cameraId, DateTimeOffset? expiresAt, string? by) =>
        (await CreateTokenAsync(name, cameraId, expiresAt, by)).Secret;

    /// <summary>Creates a token: the token as stored, and its secret, which is never shown again.</summary>
    public async Task<(StreamToken Token, string Secret)> CreateTokenAsync(string name, string? cameraId, DateTimeOffset? expiresAt, string? by)
    {
        // The name ends up in the viewer list, logs and the audit trail: bounded, no control characters.
        name = LogText.Bounded(name.Trim(), MaxNameLength)!;
        var secret = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        StreamToken token;
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            db.StreamTokens.Add(token = new StreamToken
            {
                Name = name,
                Hash = HashOf(secret),
                CameraId = string.IsNullOrEmpty(cameraId) ? null : cameraId,
                CreatedAt = _time.GetUtcNow(),
                CreatedBy = by,
                ExpiresAt = expiresAt,
            });
            await db.SaveChangesAsync();
        }

        Reload();
        _events.Publish(new TokenChanged(token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, TokenChangeKind.Created, by));
        await _audit.RecordAsync(by, AuditActions.TokenCreated, $"{name} for {(string.IsNullOrEmpty(cameraId) ? "all cameras" : _cameras.NameOf(cameraId))}{(expiresAt is { } e ? $", expires {e:yyyy-MM-dd HH:mm}" : "")}", CancellationToken.None);
        return (token, secret);
    }

    public async Task RevokeAsync(int id, string? by)
    {
        if (!await TryRevokeAsync(id, by))
        {
            throw new InvalidOperationException("No such token.");
        }
    }

    /// <summary>Revokes token <paramref name="id"/> and ends its streams; false when there is no such token.</summary>
    public async Task<bool> TryRevokeAsync(int id, string? by)
    {
        StreamToken token;
        await using (var db = await _contexts.CreateDbContextAsync())
        {
            if (await db.StreamTokens.FindAsync(id) is not { } found)
            {
                return false;
            }

            token = found;
            token.RevokedAt ??= _time.GetUtcNow();
            await db.SaveChangesAsync();
        }

        Reload();
        _events.Publish(new TokenChanged(token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), token.Name, TokenChangeKind.Revoked, by));
        await _audit.RecordAsync(by, AuditActions.TokenRevoked, token.Name, CancellationToken.None);
        await EndStreamsAsync(token, by);
        return true;
    }

    /// <summary>The principal for a presented token, or null when unknown, revoked or expired.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string secret)
    {
        var valid = _valid ?? await LoadAsync();
        if (!valid.TryGetValue(HashOf(secret), out var token) || token.ExpiresAt <= _time.GetUtcNow())
        {
            return null;
        }

        List<Claim> claims = [new(ClaimTypes.Name, PrincipalName(token)), new(ClaimTypes.Role, Roles.Viewer), new(IdClaimType, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (token.CameraId is { } camera)
        {
            claims.Add(new Claim(CameraScope.ClaimType, camera));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.Token, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Whether the principal's token (if it came from one) is still valid: not revoked, not expired.</summary>
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!int.TryParse(principal.FindFirstValue(IdClaimType), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        var valid = _valid ?? await LoadAsync();
        var now = _time.GetUtcNow();
        return valid.Values.Any(t => t.Id == id && !(t.ExpiresAt <= now));
    }

    public void Dispose()
    {
        _sweep.Dispose();
        _loading.Dispose();
    }

    private async Task<ConcurrentDictionary<string, StreamToken>> LoadAsync()
    {
        await _loading.WaitAsync();
        try
        {
            if (_valid is { } loaded)
            {
                return loaded;
            }

            // A reload asked for while this one reads is not undone by it: the result is kept only
            // if nothing changed meanwhile (it still answers this caller).
            var generation = Volatile.Read(ref _generation);
            await using var db = await _contexts.CreateDbContextAsync();
            var tokens = await db.StreamTokens.AsNoTracking().Where(t => t.RevokedAt == null).ToListAsync();
            var read = new ConcurrentDictionary<string, StreamToken>(tokens.ToDictionary(t => t.Hash));
            if (Volatile.Read(ref _generation) == generation)
            {
                _valid = read;
            }

            return read;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task EndExpiredAsync()
    {
        if (_valid is not { } valid)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var token in valid.Values.Where(t => t.ExpiresAt <= now))
        {
            valid.TryRemove(token.Hash, out _);
            await EndStreamsAsync(token, by: null);
        }
    }

    private async Task EndStreamsAsync(StreamToken token, string? by)
    {
        var principal = PrincipalName(token);
        foreach (var viewer in _viewers.Viewers.Where(v => v.Description.User == principal))
        {
            await _moderation.KickAsync(viewer.Id, banMinutes: null, by, CancellationToken.None);
        }
    }

    private static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
