using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CamDashboard.Bench;

/// <summary>bench/floor.c serving one JPEG the app produced, as the app would frame it: the CPU a
/// minimal epoll server spends per delivered frame, for the ratio in RESULTS.md.</summary>
internal sealed class FloorProcess(Process process, IPEndPoint endpoint, string jpegPath) : IBenchServer
{
    public IPEndPoint Endpoint { get; } = endpoint;

    public static async Task<FloorProcess> StartAsync(string floorBinary, int port, byte[] jpeg)
    {
        var jpegPath = Path.Combine(Path.GetTempPath(), $"camdashboard-floor-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(jpegPath, jpeg);
        var process = Process.Start(new ProcessStartInfo(floorBinary, [port.ToString(System.Globalization.CultureInfo.InvariantCulture), "30", jpegPath])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await probe.ConnectAsync(endpoint);
                return new FloorProcess(process, endpoint, jpegPath);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new TimeoutException("The floor server did not start listening.");
    }

    public double CpuSeconds() => ProcStat.CpuSeconds(process);

    public long RssBytes() => ProcStat.RssBytes(process);

    public Task<long> AllocatedBytesAsync() => Task.FromResult(0L);

    public Task<(long Captured, long Encoded, double Fps)> CameraCountersAsync() => Task.FromResult((0L, 0L, 30.0));

    public Task<string> TiersAsync() => Task.FromResult("");

    // Its viewers leave with their sockets; there is no registry to wait for.
    public Task WaitForViewersAsync(Func<int, bool> condition, TimeSpan timeout) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        File.Delete(jpegPath);
    }
}
