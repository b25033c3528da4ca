namespace CamDashboard.Streaming.Viewers;

/// <summary>A ban in force, as the Bans page lists it.</summary>
/// <param name="Target">What it applies to: <c>user:NAME</c> or <c>address:IP</c> (the key to lift it by).</param>
/// <param name="By">The admin who set it.</param>
/// <param name="Since">When it was set.</param>
/// <param name="Until">When it ends by itself.</param>
public sealed record ActiveBan(string Target, string? By, DateTimeOffset Since, DateTimeOffset Until)
{
    /// <summary>Whether it bans a user (otherwise an address).</summary>
    public bool IsUser => Target.StartsWith("user:", StringComparison.Ordinal);

    /// <summary>The user name or the address, without its kind.</summary>
    public string Who => Target[(Target.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
