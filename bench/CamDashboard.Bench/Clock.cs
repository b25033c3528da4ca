using System.Diagnostics;

namespace CamDashboard.Bench;

internal static class Clock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    /// <summary>Monotonic seconds since the bench started.</summary>
    public static double Now => Stopwatch.GetElapsedTime(Origin).TotalSeconds;

    /// <summary>Wall-clock Unix seconds, comparable with the server's X-Timestamp.</summary>
    public static double UnixNow => (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;
}
