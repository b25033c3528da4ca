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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ViewerBans.FindAsync([ban.Target], cancellationToken);
        if (row is null)
        {
            db.ViewerBans.Add(row = new ViewerBan { Key = ban.Target });
        }

        (row.Until, row.By, row.Since) = (ban.Until, ban.By, ban.Since);
        // Stored, then in force: a ban that could not be kept does not half exist.
        await db.SaveChangesAsync(cancellationToken);
        _memory.Set(ban);
    }

    public bool IsBanned(string? user, string? remoteAddress) => _memory.IsBanned(user, remoteAddress);

    public async Task<bool> LiftAsync(string target, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lifted = await db.ViewerBans.Where(b => b.Key == target).ExecuteDeleteAsync(cancellationToken) > 0;
        return _memory.Remove(target) | lifted;
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
