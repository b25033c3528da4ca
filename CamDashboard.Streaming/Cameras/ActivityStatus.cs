namespace CamDashboard.Streaming.Cameras;

/// <summary>What a camera's activity is now.</summary>
/// <param name="Active">Whether a period of activity is under way.</param>
/// <param name="Level">The share of the watched picture (0–100 %) that changed between the last two analysed frames.</param>
/// <param name="Peak">The highest level of the period under way, or of the last one.</param>
/// <param name="Since">When the period under way (or the last one) started; null before any.</param>
/// <param name="Analysed">Frames analysed since activity was switched on (or the app started).</param>
public sealed record ActivityStatus(bool Active, double Level, double Peak, DateTimeOffset? Since, long Analysed = 0)
{
    /// <summary>No activity, none seen yet.</summary>
    public static ActivityStatus Quiet { get; } = new(false, 0, 0, null);
}
