namespace CamDashboard.Data;

/// <summary>A camera added from the dashboard or the API. The source password is kept
/// encrypted with the app's data-protection keys, never in clear.</summary>
internal sealed class StoredCamera
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string Source { get; set; } = "";

    public string? Username { get; set; }

    public string? ProtectedPassword { get; set; }

    public string? Transport { get; set; }

    public int? Quality { get; set; }

    public int MaxFps { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public bool Enabled { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
