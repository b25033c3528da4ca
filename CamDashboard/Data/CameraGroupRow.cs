namespace CamDashboard.Data;

/// <summary>A saved camera group: its id (in <c>?group=</c> URLs, fixed when it is created), its
/// name, and its cameras' ids in the order they were picked, comma-separated.</summary>
internal sealed class CameraGroupRow
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string CameraIds { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
