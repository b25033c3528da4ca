namespace CamDashboard.Bench;

/// <summary>What one scenario measured.</summary>
internal sealed record Measurement(
    string Scenario,
    int Viewers,
    double WindowSeconds,
    double AggregateFps,
    double FpsMedian,
    double FpsP5,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double FirstFrameP50Ms,
    double FirstFrameMaxMs,
    double ServerCpuPercent,
    double ServerRssMb,
    double CpuMicrosPerFrame,
    double AllocBytesPerFrame,
    double EncodesPerCapturedFrame,
    double ClientCpuPercent,
    int Failed,
    string Note = "")
{
    /// <summary>Viewers per tier at the end of the window, e.g. "full 10, small 1".</summary>
    public string Tiers { get; init; } = "";

    /// <summary>Each figure's median over several runs of the same scenario.</summary>
    public static Measurement Median(IReadOnlyList<Measurement> runs)
    {
        double M(Func<Measurement, double> figure) => Stats.Percentile([.. runs.Select(figure)], 50);
        var first = runs[0];
        return first with
        {
            WindowSeconds = M(r => r.WindowSeconds),
            AggregateFps = M(r => r.AggregateFps),
            FpsMedian = M(r => r.FpsMedian),
            FpsP5 = M(r => r.FpsP5),
            LatencyP50Ms = M(r => r.LatencyP50Ms),
            LatencyP99Ms = M(r => r.LatencyP99Ms),
            FirstFrameP50Ms = M(r => r.FirstFrameP50Ms),
            FirstFrameMaxMs = M(r => r.FirstFrameMaxMs),
            ServerCpuPercent = M(r => r.ServerCpuPercent),
            ServerRssMb = M(r => r.ServerRssMb),
            CpuMicrosPerFrame = M(r => r.CpuMicrosPerFrame),
            AllocBytesPerFrame = M(r => r.AllocBytesPerFrame),
            EncodesPerCapturedFrame = M(r => r.EncodesPerCapturedFrame),
            ClientCpuPercent = M(r => r.ClientCpuPercent),
            Failed = runs.Max(r => r.Failed),
        };
    }
}
