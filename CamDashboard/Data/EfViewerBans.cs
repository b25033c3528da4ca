using CamDashboard.Streaming.Viewers;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Bans in SQLite, so a restart does not lift them; checks are answered from memory,
/// loaded once at start-up.</summary>
internal sealed class EfViewerBans(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IViewerBans
{
    private readonly InMemoryViewerBans _memory = new(time);

    public async Task BanAsync(ViewerDescription viewer, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var key = InMemoryViewerBans.KeyOf(viewer.User, viewer.RemoteAddress);
        _memory.Set(key, until);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ViewerBans.FindAsync([key], cancellationToken);
        if (row is null)
        {
            db.ViewerBans.Add(new ViewerBan { Key = key, Until = until });
        }
        else
        {
            row.Until = until;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public bool IsBanned(string? user, string? remoteAddress) => _memory.IsBanned(user, remoteAddress);

    /// <summary>Loads the bans still running and forgets the ended ones.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var ban in await db.ViewerBans.ToListAsync(cancellationToken))
        {
            if (ban.Until > now)
            {
                _memory.Set(ban.Key, ban.Until);
            }
            else
            {
                db.ViewerBans.Remove(ban);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
