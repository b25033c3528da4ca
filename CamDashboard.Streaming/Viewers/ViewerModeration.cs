using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;

namespace CamDashboard.Streaming.Viewers;

/// <summary>The one way to kick (and optionally ban) a viewer, from the API or the dashboard:
/// the connection ends, the ban is set, and the action goes to the audit trail. A viewer of
/// another node of a cluster is ended there (<see cref="IRemoteViewers"/>); the ban, shared,
/// ends what it covers on every node.</summary>
public sealed class ViewerModeration(IViewerRegistry registry, IRemoteViewers remote, IViewerBans bans, IAuditTrail audit, CameraCatalog cameras, LiveEvents events, TimeProvider time)
{
    /// <summary>Longest ban: long enough for any real need, short enough that a typo cannot ban forever.</summary>
    public const int MaxBanMinutes = 7 * 24 * 60;

    /// <summary>Kicks viewer <paramref name="viewerId"/>, and bans its user (or address) for
    /// <paramref name="banMinutes"/> if given. <paramref name="by"/>, the acting admin, may kick
    /// their own connections but never ban themselves.</summary>
    public async Task<KickResult> KickAsync(long viewerId, int? banMinutes, string? by, CancellationToken cancellationToken)
    {
        if (banMinutes is < 1 or > MaxBanMinutes)
        {
            throw new ArgumentOutOfRangeException(nameof(banMinutes), banMinutes, $"A ban lasts 1 to {MaxBanMinutes} minutes.");
        }

        if (registry.Find(viewerId) is not { } viewer)
        {
            return remote.Viewers.FirstOrDefault(v => v.Id == viewerId) is { } elsewhere
                ? await KickElsewhereAsync(elsewhere, banMinutes, by, cancellationToken).ConfigureAwait(false)
                : KickResult.AlreadyLeft;
        }

        if (BanRefused(viewer.Description.User, viewer.Description.Kind, banMinutes, by) is { } refused)
        {
            return refused;
        }

        // A ban is stored before anyone is kicked: one that cannot be stored (a full disk) kicks nobody.
        if (banMinutes is { } banFor)
        {
            await bans.BanAsync(viewer.Description, time.GetUtcNow().AddMinutes(banFor), by, cancellationToken).ConfigureAwait(false);
        }

        var session = SessionOf(viewer);
        if (!EndHere(viewerId))
        {
            return KickResult.AlreadyLeft;
        }

        events.Publish(new ViewerKicked(viewerId, viewer.Description.CameraId, viewer.Description.User, by, banMinutes));
        var who = viewer.Description.User ?? viewer.Description.RemoteAddress;
        var watching = session.Count > 1
            ? $"{session.Count} cameras ({string.Join(", ", session.Select(v => cameras.NameOf(v.Description.CameraId)))})"
            : cameras.NameOf(viewer.Description.CameraId);
        var detail = $"viewer {viewerId}: {who} watching {watching} ({viewer.Description.Kind})";
        if (banMinutes is { } minutes)
        {
            // A ban ends every connection it covers at once — other streams, tile sockets — not only the one kicked.
            foreach (var covered in registry.Viewers.Where(v => !v.IsEnded && bans.IsBanned(v.Description.User, v.Description.RemoteAddress)))
            {
                registry.Kick(covered.Id);
            }

            await audit.RecordAsync(by, AuditActions.ViewerBanned, $"{detail}, banned for {minutes} min", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await audit.RecordAsync(by, AuditActions.ViewerKicked, detail, cancellationToken).ConfigureAwait(false);
        }

        return KickResult.Kicked;
    }

    /// <summary>Ends viewer <paramref name="viewerId"/> of this node, and the other viewers of its
    /// connection (a dashboard's tile socket is one connection with a viewer per camera: it ends
    /// as a whole). Nothing is audited: for another node's <see cref="KickAsync"/>, which did.</summary>
    public bool EndHere(long viewerId)
    {
        if (registry.Find(viewerId) is not { } viewer || !registry.Kick(viewerId))
        {
            return false;
        }

        foreach (var other in SessionOf(viewer).Where(v => v.Id != viewerId))
        {
            registry.Kick(other.Id);
        }

        return true;
    }

    private async Task<KickResult> KickElsewhereAsync(ViewerInfo viewer, int? banMinutes, string? by, CancellationToken cancellationToken)
    {
        if (BanRefused(viewer.User, viewer.Kind, banMinutes, by) is { } refused)
        {
            return refused;
        }

        // Stored first, as here; the ban's event ends what it covers on every node.
        if (banMinutes is { } banFor)
        {
            var description = new ViewerDescription(viewer.CameraId, viewer.Kind, viewer.User, viewer.RemoteAddress, viewer.UserAgent);
            await bans.BanAsync(description, time.GetUtcNow().AddMinutes(banFor), by, cancellationToken).ConfigureAwait(false);
        }

        if (!await remote.EndAsync(viewer, cancellationToken).ConfigureAwait(false))
        {
            return KickResult.AlreadyLeft;
        }

        events.Publish(new ViewerKicked(viewer.Id, viewer.CameraId, viewer.User, by, banMinutes));
        var detail = $"viewer {viewer.Id} on {viewer.Node}: {viewer.User ?? viewer.RemoteAddress} watching {cameras.NameOf(viewer.CameraId)} ({viewer.Kind})";
        await audit.RecordAsync(by, banMinutes is null ? AuditActions.ViewerKicked : AuditActions.ViewerBanned, banMinutes is { } minutes ? $"{detail}, banned for {minutes} min" : detail, cancellationToken).ConfigureAwait(false);
        return KickResult.Kicked;
    }

    // An admin may kick their own connections but never ban themselves (they could not undo it),
    // and a relay to another node is no person to ban (it would cut that node's viewers off).
    private static KickResult? BanRefused(string? user, ViewerKind kind, int? banMinutes, string? by) =>
        banMinutes is null ? null
        : by is not null && string.Equals(user, by, StringComparison.OrdinalIgnoreCase) ? KickResult.WouldBanYourself
        : kind == ViewerKind.Relay ? KickResult.WouldBanANode
        : null;

    /// <summary>The viewers of <paramref name="viewer"/>'s request (itself included).</summary>
    private List<Viewer> SessionOf(Viewer viewer) =>
        viewer.Description.Session is { } session
            ? [.. registry.Viewers.Where(v => v.Description.Session == session)]
            : [viewer];

    /// <summary>Lifts the ban on <paramref name="target"/> (see <see cref="ActiveBan.Target"/>) before
    /// it ends by itself, and audits it; false when there was none.</summary>
    public async Task<bool> LiftBanAsync(string target, string? by, CancellationToken cancellationToken)
    {
        if (!await bans.LiftAsync(target, by, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await audit.RecordAsync(by, AuditActions.BanLifted, target, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
