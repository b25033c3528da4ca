namespace CamDashboard.Groups;

/// <summary>A named set of cameras that an admin saved for everyone, shown as a grid of its own
/// (<c>/?group=Id</c>, for a wall screen).</summary>
/// <param name="Id">Its id in URLs: made from the name when the group was created, kept when it is renamed.</param>
/// <param name="Name">Its name.</param>
/// <param name="CameraIds">Its cameras, in the order they were picked.</param>
public sealed record CameraGroup(string Id, string Name, IReadOnlyList<string> CameraIds)
{
    /// <summary>Whether the group holds camera <paramref name="cameraId"/>.</summary>
    public bool Holds(string cameraId) => CameraIds.Contains(cameraId, StringComparer.OrdinalIgnoreCase);
}
