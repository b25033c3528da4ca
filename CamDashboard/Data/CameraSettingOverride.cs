namespace CamDashboard.Data;

/// <summary>A camera's quality and fps as last set from the dashboard or API.</summary>
internal sealed class CameraSettingOverride
{
    public string CameraId { get; set; } = "";

    public int Quality { get; set; }

    public int MaxFps { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
