namespace CamDashboard.Streaming.Viewers;

/// <summary>Time-limited bans of the user (or, without one, the address) behind a kicked viewer.
/// Checked on every stream request, so <see cref="IsBanned"/> must answer from memory.</summary>
public interface IViewerBans
{
    /// <summary>Refuses the viewer's user (or address) until <paramref name="until"/>.</summary>
    Task BanAsync(ViewerDescription viewer, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Whether a request from this user and address is banned now.</summary>
    bool IsBanned(string? user, string? remoteAddress);
}
