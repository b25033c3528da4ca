namespace CamDashboard.Streaming.Viewers;

/// <summary>The default store: nothing is kept, so a restart lifts every ban.</summary>
internal sealed class MemoryBanStore : IBanStore
{
    public Task<IReadOnlyList<ActiveBan>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ActiveBan>>([]);

    public Task SaveAsync(ActiveBan ban, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> DeleteAsync(IReadOnlyCollection<string> targets, CancellationToken cancellationToken) => Task.FromResult(false);
}
