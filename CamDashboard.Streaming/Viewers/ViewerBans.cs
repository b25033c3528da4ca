using System.Collections.Concurrent;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Events;
using Microsoft.Extensions.Hosting;

namespace CamDashboard.Streaming.Viewers;

/// <summary>The bans in force, answered from memory and kept in an <see cref="IBanStore"/>:
/// stored first, then in force, then announced (<see cref="BanSet"/>, <see cref="BanLifted"/>).
/// Bans announced by other nodes are taken in too, and end the viewers here that they cover.
/// Loads the stored bans at start-up, before anything streams.</summary>
internal sealed class ViewerBans : IViewerBans, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, ActiveBan> _bans = new(StringComparer.OrdinalIgnoreCase);
    private readonly IBanStore _store;
    private readonly LiveEvents _events;
    private readonly IViewerRegistry _registry;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;

    public ViewerBans(IBanStore store, LiveEvents events, IViewerRegistry registry, TimeProvider time)
    {
        _store = store;
        _events = events;
        _registry = registry;
        _time = time;
        _subscription = events.Subscribe(OnEvent);
    }

    public IReadOnlyList<ActiveBan> Active
    {
        get
        {
            var now = _time.GetUtcNow();
            return [.. _bans.Values.Where(b => b.Until > now).OrderBy(b => b.Until)];
        }
    }

    /// <summary>What a ban applies to: the user, or the address (its /64 for IPv6) of an anonymous viewer.</summary>
    public static string KeyOf(string? user, string? remoteAddress) =>
        string.IsNullOrEmpty(user) ? $"address:{AddressGroup.Of(remoteAddress)}" : $"user:{user}";

    public async Task BanAsync(ViewerDescription viewer, DateTimeOffset until, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var ban = new ActiveBan(KeyOf(viewer.User, viewer.RemoteAddress), LogText.Bounded(by), _time.GetUtcNow(), until);
        // Stored, then in force: a ban that could not be kept does not half exist.
        await _store.SaveAsync(ban, cancellationToken).ConfigureAwait(false);
        _bans[ban.Target] = ban;
        _events.Publish(new BanSet(ban.Target, ban.Until, ban.By));
    }

    public DateTimeOffset? BannedUntil(string? user, string? remoteAddress)
    {
        var key = KeyOf(user, remoteAddress);
        if (!_bans.TryGetValue(key, out var ban))
        {
            return null;
        }

        if (ban.Until > _time.GetUtcNow())
        {
            return ban.Until;
        }

        _bans.TryRemove(key, out _);
        return null;
    }

    public async Task<bool> LiftAsync(string target, string? by, CancellationToken cancellationToken)
    {
        var stored = await _store.DeleteAsync([target], cancellationToken).ConfigureAwait(false);
        var lifted = _bans.TryRemove(target, out _) | stored;
        if (lifted)
        {
            _events.Publish(new BanLifted(target, LogText.Bounded(by)));
        }

        return lifted;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var stored = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var ban in stored.Where(b => b.Until > now))
        {
            _bans[ban.Target] = ban;
        }

        if (stored.Where(b => b.Until <= now).Select(b => b.Target).ToList() is { Count: > 0 } ended)
        {
            await _store.DeleteAsync(ended, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription.Dispose();

    // Another node's ban is in its store already (the one all nodes share): only memory follows.
    private void OnEvent(LiveEvent change)
    {
        if (_events.IsLocal(change))
        {
            return;
        }

        switch (change)
        {
            case BanSet set:
                _bans[set.Target] = new ActiveBan(set.Target, set.By, set.At, set.Until);
                foreach (var covered in _registry.Viewers.Where(v => !v.IsEnded && BannedUntil(v.Description.User, v.Description.RemoteAddress) is not null))
                {
                    _registry.Kick(covered.Id);
                }

                break;
            case BanLifted lifted:
                _bans.TryRemove(lifted.Target, out _);
                break;
        }
    }
}
