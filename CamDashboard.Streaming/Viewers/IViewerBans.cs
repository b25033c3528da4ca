namespace CamDashboard.Streaming.Viewers;

/// <summary>Time-limited bans of the user (or, without one, the address) behind a kicked viewer.
/// Checked on every stream request, so <see cref="IsBanned"/> answers from memory; the host keeps
/// them across restarts with an <see cref="IBanStore"/>.</summary>
public interface IViewerBans
{
    /// <summary>Refuses the viewer's user (or address) until <paramref name="until"/>; <paramref name="by"/> is the admin.</summary>
    Task BanAsync(ViewerDescription viewer, DateTimeOffset until, string? by, CancellationToken cancellationToken);

    /// <summary>When the ban on a request from this user and address ends; null when there is none now.</summary>
    DateTimeOffset? BannedUntil(string? user, string? remoteAddress);

    /// <summary>Whether a request from this user and address is banned now.</summary>
    bool IsBanned(string? user, string? remoteAddress) => BannedUntil(user, remoteAddress) is not null;

    /// <summary>The bans in force now, soonest to end first.</summary>
    IReadOnlyList<ActiveBan> Active { get; }

    /// <summary>Ends the ban on <paramref name="target"/> (see <see cref="ActiveBan.Target"/>) now;
    /// <paramref name="by"/> is the admin; false when there was none.</summary>
    Task<bool> LiftAsync(string target, string? by, CancellationToken cancellationToken);
}
