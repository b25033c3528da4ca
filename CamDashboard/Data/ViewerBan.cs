namespace CamDashboard.Data;

/// <summary>A ban kept across restarts: a user (<c>user:NAME</c>) or address (<c>address:IP</c>),
/// who set it, when, and its end.</summary>
internal sealed class ViewerBan
{
    public string Key { get; set; } = "";

    public DateTimeOffset Until { get; set; }

    public string? By { get; set; }

    public DateTimeOffset Since { get; set; }
}
