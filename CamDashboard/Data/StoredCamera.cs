namespace CamDashboard.Data;

/// <summary>A camera added from the dashboard or the API. Its definition is kept whole, as the
/// JSON of <see cref="CamDashboard.Streaming.Definitions.CameraOptions"/> — one definition, so a
/// field added there is stored without a change here — except its password, which is kept
/// encrypted with the app's data-protection keys, never in clear.</summary>
internal sealed class StoredCamera
{
    public string Id { get; set; } = "";

    public string Definition { get; set; } = "{}";

    public string? ProtectedPassword { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
