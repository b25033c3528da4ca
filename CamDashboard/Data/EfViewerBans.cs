using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Viewers;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Bans in SQLite, so a restart does not lift them; checks are answered from memory,
/// loaded once at start-up.</summary>
internal sealed class EfViewerBans(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IViewerBans
{
    private readonly InMemoryViewerBans _memory = new(time);

    public IReadOnlyList<ActiveBan> Active => _memory.Active;

    public async Task BanAsync(ViewerDescription viewer, DateTimeOffset until, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var ban = new ActiveBan(InMemoryViewerBans.KeyOf(viewer.User, viewer.RemoteAddress), LogText.Bounded(by), time.GetUtcNow(), until);
        _memory.Set(ban);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ViewerBans.FindAsync([ban.Target], cancellationToken);
        if (row is null)
        {
            db.ViewerBans.Add(row = new ViewerBan { Key = ban.Target });
        }

        (row.Until, row.By, row.Since) = (ban.Until, ban.By, ban.Since);
        await db.SaveChangesAsync(cancellationToken);
    }

    public bool IsBanned(string? user, string? remoteAddress) => _memory.IsBanned(user, remoteAddress);

    public async Task<bool> LiftAsync(string target, CancellationToken cancellationToken)
    {
        var lifted = _memory.Remove(target);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        lifted |= await db.ViewerBans.Where(b => b.Key == target).ExecuteDeleteAsync(cancellationToken) > 0;
        return lifted;
    }

    /// <summary>Loads the bans still running and forgets the ended ones.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var ban in await db.ViewerBans.ToListAsync(cancellationToken))
        {
            if (ban.Until > now)
            {
                _memory.Set(new ActiveBan(ban.Key, ban.By, ban.Since, ban.Until));
            }
            else
            {
                db.ViewerBans.Remove(ban);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
