using CamDashboard.Streaming.Viewers;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Bans in the database, so a restart does not lift them (and every node of a cluster
/// shares them); the library answers checks from memory.</summary>
internal sealed class EfBanStore(IDbContextFactory<AppDbContext> contexts) : IBanStore
{
    public async Task<IReadOnlyList<ActiveBan>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return [.. (await db.ViewerBans.AsNoTracking().ToListAsync(cancellationToken)).Select(b => new ActiveBan(b.Key, b.By, b.Since, b.Until))];
    }

    public async Task SaveAsync(ActiveBan ban, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ban);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ViewerBans.FindAsync([ban.Target], cancellationToken);
        if (row is null)
        {
            db.ViewerBans.Add(row = new ViewerBan { Key = ban.Target });
        }

        (row.Until, row.By, row.Since) = (ban.Until, ban.By, ban.Since);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(IReadOnlyCollection<string> targets, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ViewerBans.Where(b => targets.Contains(b.Key)).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
