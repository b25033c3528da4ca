namespace CamDashboard.Data;

/// <summary>A revocable credential for a stream URL (<c>?token=</c>). Only its SHA-256 is stored;
/// the token itself is shown once, when created.</summary>
internal sealed class StreamToken
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>The one camera it may watch; null for all.</summary>
    public string? CameraId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
