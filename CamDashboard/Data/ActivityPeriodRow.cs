namespace CamDashboard.Data;

/// <summary>A camera's ended period of activity. Its times are Unix milliseconds: compared and
/// ordered in SQL on SQLite as on PostgreSQL (SQLite cannot compare stored DateTimeOffsets).</summary>
internal sealed class ActivityPeriodRow
{
    public long Id { get; set; }

    public string CameraId { get; set; } = "";

    public long StartedUnixMs { get; set; }

    public long EndedUnixMs { get; set; }

    public double Peak { get; set; }
}
