namespace CamDashboard.Data;

/// <summary>A camera's quality, fps and activity watch as last set from the dashboard or API.</summary>
internal sealed class CameraSettingOverride
{
    public string CameraId { get; set; } = "";

    public int Quality { get; set; }

    public int MaxFps { get; set; }

    /// <summary>The activity watch's sensitivity; null: activity is not watched.</summary>
    public int? ActivitySensitivity { get; set; }

    /// <summary>The activity watch's mask of ignored cells, if any.</summary>
    public string? ActivityMask { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
