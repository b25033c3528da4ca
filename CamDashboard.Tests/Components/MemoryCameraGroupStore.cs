using CamDashboard.Groups;

namespace CamDashboard.Tests.Components;

/// <summary>Camera groups in memory, for component tests (the app keeps them in its database).</summary>
internal sealed class MemoryCameraGroupStore : ICameraGroupStore
{
    private readonly List<CameraGroup> _groups = [];

    public Task<IReadOnlyList<CameraGroup>> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_groups)
        {
            return Task.FromResult<IReadOnlyList<CameraGroup>>([.. _groups]);
        }
    }

    public Task SaveAsync(CameraGroup group, CancellationToken cancellationToken)
    {
        lock (_groups)
        {
            _groups.RemoveAll(g => g.Id == group.Id);
            _groups.Add(group);
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        lock (_groups)
        {
            return Task.FromResult(_groups.RemoveAll(g => g.Id == id) > 0);
        }
    }
}
