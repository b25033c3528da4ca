using System.Diagnostics;
using CamDashboard.Streaming;
using CamDashboard.Streaming.Endpoints;
using Microsoft.Extensions.Options;

namespace CamDashboard.Api;

/// <summary><c>GET /api/server</c> (admin): the process's own costs — CPU, memory, allocation,
/// garbage collections, threads — so the dashboard and the benchmark can watch them.</summary>
internal static class ServerStatsApi
{
    public static IEndpointRouteBuilder MapServerStats(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.ServiceProvider.GetRequiredService<IOptions<CameraStreamingEndpointOptions>>().Value.AdminPolicy;
        endpoints.MapGet(StreamingRoutes.Api + "/server", Get).RequireAuthorization(admin);
        return endpoints;
    }

    private static ServerStats Get()
    {
        using var process = Process.GetCurrentProcess();
        return new ServerStats(
            process.TotalProcessorTime.TotalSeconds,
            process.WorkingSet64,
            GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalMemory(forceFullCollection: false),
            ThreadPool.ThreadCount,
            process.Threads.Count,
            (DateTime.Now - process.StartTime).TotalSeconds);
    }

    private sealed record ServerStats(
        double CpuSeconds,
        long WorkingSetBytes,
        long AllocatedBytes,
        int Gen0Collections,
        int Gen1Collections,
        int Gen2Collections,
        long ManagedHeapBytes,
        int ThreadPoolThreads,
        int Threads,
        double UptimeSeconds);
}
