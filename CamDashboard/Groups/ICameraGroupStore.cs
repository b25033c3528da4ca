namespace CamDashboard.Groups;

/// <summary>Where camera groups are kept (the database's <c>CameraGroups</c> table).</summary>
internal interface ICameraGroupStore
{
    Task<IReadOnlyList<CameraGroup>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Adds the group, or replaces the one with its id.</summary>
    Task SaveAsync(CameraGroup group, CancellationToken cancellationToken);

    /// <summary>False when there was no group with that id.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);
}
