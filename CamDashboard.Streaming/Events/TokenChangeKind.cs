namespace CamDashboard.Streaming.Events;

/// <summary>What happened to a stream token.</summary>
public enum TokenChangeKind
{
    /// <summary>Created.</summary>
    Created,

    /// <summary>Revoked: its streams end.</summary>
    Revoked,
}
