using System.Net;

namespace CamDashboard.Bench;

/// <summary>What a scenario measures a server by: the app, or the C floor server.</summary>
internal interface IBenchServer : IAsyncDisposable
{
    IPEndPoint Endpoint { get; }

    double CpuSeconds();

    long RssBytes();

    /// <summary>Bytes the server allocated so far (NaN-making 0 where it does not say).</summary>
    Task<long> AllocatedBytesAsync();

    Task<(long Captured, long Encoded, double Fps)> CameraCountersAsync();

    /// <summary>How many viewers are on each tier now, e.g. "full 10, small 1"; empty where there are no tiers.</summary>
    Task<string> TiersAsync();

    Task WaitForViewersAsync(Func<int, bool> condition, TimeSpan timeout);
}
