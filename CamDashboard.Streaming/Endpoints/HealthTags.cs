namespace CamDashboard.Streaming.Endpoints;

/// <summary>Tags of the health checks <c>/healthz</c> and <c>/readyz</c> report: the host tags its own checks with them.</summary>
public static class HealthTags
{
    /// <summary>Checks that say whether the process can serve at all (<c>/healthz</c> without credentials).</summary>
    public const string Live = "live";

    /// <summary>Checks that say whether the process can take changes too, e.g. its database takes writes (<c>/readyz</c>).</summary>
    public const string Ready = "ready";
}
