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
    string Note = "");
