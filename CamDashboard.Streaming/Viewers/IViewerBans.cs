namespace CamDashboard.Streaming.Viewers;

/// <summary>Time-limited bans of the user (or, without one, the address) behind a kicked viewer.</summary>
public interface IViewerBans
{
    /// <summary>Refuses the viewer's user (or address) until <paramref name="until"/>.</summary>
    void Ban(ViewerDescription viewer, DateTimeOffset until);

    /// <summary>Whether a request from this user and address is banned now.</summary>
    bool IsBanned(string? user, string? remoteAddress);
}
