namespace CamDashboard.Streaming.Viewers;

/// <summary>Every live connection to every camera. One process keeps it in memory; a
/// multi-node deployment would share it (see the architecture's "past one machine").</summary>
public interface IViewerRegistry
{
    /// <summary>Raised when a viewer joins or leaves, on the thread that caused it.</summary>
    event EventHandler<ViewerChange>? Changed;

    /// <summary>The viewers connected now.</summary>
    IReadOnlyList<Viewer> Viewers { get; }

    /// <summary>The viewer with this id, or null.</summary>
    Viewer? Find(long viewerId);

    /// <summary>How many viewers watch a camera.</summary>
    int CountFor(string cameraId);

    /// <summary>Adds a viewer for the life of a connection.</summary>
    Viewer Register(ViewerDescription description);

    /// <summary>Removes a viewer whose connection has ended.</summary>
    void Unregister(Viewer viewer);

    /// <summary>Ends a viewer's connection (within a second). False when no such viewer.</summary>
    bool Kick(long viewerId);
}
