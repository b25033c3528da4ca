using CamDashboard.Groups;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Camera groups in the database.</summary>
internal sealed class EfCameraGroupStore(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : ICameraGroupStore
{
    public async Task<IReadOnlyList<CameraGroup>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CameraGroups.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CameraGroup(r.Id, r.Name, r.CameraIds.Split(',', StringSplitOptions.RemoveEmptyEntries)))];
    }

    public async Task SaveAsync(CameraGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.CameraGroups.FindAsync([group.Id], cancellationToken);
        if (row is null)
        {
            row = new CameraGroupRow { Id = group.Id };
            db.CameraGroups.Add(row);
        }

        row.Name = group.Name;
        row.CameraIds = string.Join(',', group.CameraIds);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CameraGroups.Where(g => g.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
