namespace CamDashboard.Streaming.Viewers;

/// <summary>What happened to a viewer.</summary>
public enum ViewerChangeKind
{
    /// <summary>A connection joined.</summary>
    Added,

    /// <summary>A connection left (closed, kicked or timed out).</summary>
    Removed,
}

/// <summary>A registry change event.</summary>
/// <param name="Kind">Joined or left.</param>
/// <param name="Viewer">The viewer concerned.</param>
public sealed record ViewerChange(ViewerChangeKind Kind, Viewer Viewer);
