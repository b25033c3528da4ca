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

/// <summary>One node: nobody else's viewers.</summary>
internal sealed class NoRemoteViewers : IRemoteViewers
{
    public IReadOnlyList<ViewerInfo> Viewers => [];

    public Task<bool> EndAsync(ViewerInfo viewer, CancellationToken cancellationToken) => Task.FromResult(false);
}
