namespace CamDashboard.Streaming.Viewers;

/// <summary>The viewers of the other nodes of a cluster, as they last told (within a second or
/// two), and the way to end one where it is connected. A single node has none.</summary>
public interface IRemoteViewers
{
    /// <summary>Every other node's viewers, each with its <see cref="ViewerInfo.Node"/>.</summary>
    IReadOnlyList<ViewerInfo> Viewers { get; }

    /// <summary>Asks <paramref name="viewer"/>'s node to end it (with the other viewers of its
    /// connection); false when that node is gone.</summary>
    Task<bool> EndAsync(ViewerInfo viewer, CancellationToken cancellationToken);
}

/// <summary>The cluster's viewers as <c>/api/viewers</c> and the Viewers page list them.</summary>
public static class ClusterViewers
{
    /// <summary>This node's viewers (as <paramref name="node"/>'s) and the other nodes', in the order they joined on each node.</summary>
    public static List<ViewerInfo> All(IViewerRegistry registry, IRemoteViewers remote, string node)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(remote);
        List<ViewerInfo> all = [.. registry.Viewers.Select(v => ViewerInfo.From(v, node)), .. remote.Viewers];
        all.Sort((a, b) => a.Id.CompareTo(b.Id));
        return all;
    }
}

/// <summary>One node: nobody else's viewers.</summary>
internal sealed class NoRemoteViewers : IRemoteViewers
{
    public IReadOnlyList<ViewerInfo> Viewers => [];

    public Task<bool> EndAsync(ViewerInfo viewer, CancellationToken cancellationToken) => Task.FromResult(false);
}
