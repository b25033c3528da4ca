namespace CamDashboard.Streaming.Viewers;

/// <summary>Where bans are kept across restarts (the host's database). The library answers every
/// check from memory and writes through this store first: a ban that could not be stored is not
/// in force, and a lift that could not be stored leaves the ban running.</summary>
public interface IBanStore
{
    /// <summary>The bans stored, ended ones included (the library deletes those).</summary>
    Task<IReadOnlyList<ActiveBan>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="ban"/>, replacing any ban of the same target.</summary>
    Task SaveAsync(ActiveBan ban, CancellationToken cancellationToken);

    /// <summary>Deletes the bans of <paramref name="targets"/>; false when none was stored.</summary>
    Task<bool> DeleteAsync(IReadOnlyCollection<string> targets, CancellationToken cancellationToken);
}
