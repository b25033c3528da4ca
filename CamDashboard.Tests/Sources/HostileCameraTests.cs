using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Sources;

/// <summary>A compromised camera attacks the server that reads it (issue 15, high): endless
/// bodies with and without multipart framing, a part that never ends, a picture that claims
/// 12000×12000, a slow drip, a redirect loop. The app runs as its own process so that its memory
/// is its own; every attack is both a saved camera and a Test (probe).</summary>
public sealed class HostileCameraTests
{
    private const long MemoryBound = 1L << 30;

    private static readonly (string Path, string Error)[] Attacks =
    [
        ("/endless.jpg", "larger than 8 MiB"),
        ("/endless-part", "larger than 8 MiB"),
        ("/no-boundary", "larger than 8 MiB"),
        ("/huge.jpg", "larger than 40 megapixels (12000×12000)"),
        ("/drip.jpg", "No frame for 5 s"),
        ("/loop", "redirected more than 3 times"),
    ];

    [Fact]
    public async Task EveryAttack_LeavesMemoryBounded_OneReadAtATime_AndTheCameraSaysWhy()
    {
        var cameras = new List<HostileCamera>();
        var settings = new Dictionary<string, string>
        {
            ["Streaming__MaxFrameBytes"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Streaming__ReconnectDelay"] = "00:00:00.2",
            ["Streaming__MaxReconnectDelay"] = "00:00:01",
        };
        for (var i = 0; i < Attacks.Length; i++)
        {
            var camera = new HostileCamera();
            cameras.Add(camera);
            settings[$"Cameras__{i}__Id"] = $"hostile{i}";
            settings[$"Cameras__{i}__Source"] = camera.Url(Attacks[i].Path);
        }

        try
        {
            await using var app = new AppProcess(settings);
            await app.WaitUntilServingAsync();
            using var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", TestApp.AdminPassword);
            using var sampling = new CancellationTokenSource();
            var peak = PeakMemoryAsync(app.Process.Id, sampling.Token);

            // The saved cameras: each is down with its reason, and reconnects have been tried meanwhile.
            await Eventually.True(async () =>
            {
                var listing = JsonDocument.Parse(await client.GetStringAsync("/api/cameras")).RootElement;
                return Attacks.Select((a, i) => listing[i].GetProperty("error").GetString()?.Contains(a.Error, StringComparison.Ordinal) == true).All(ok => ok);
            }, "every hostile camera shows why it is refused", 30);

            // The same sources through the Test button: the same answers, and nothing left reading.
            for (var i = 0; i < Attacks.Length; i++)
            {
                var expected = Attacks[i].Path == "/drip.jpg" ? "No frame within 10 s" : Attacks[i].Error;
                using var probe = await client.PostAsJsonAsync("/api/cameras/probe", new { source = cameras[i].Url(Attacks[i].Path) });
                var result = JsonDocument.Parse(await probe.Content.ReadAsStringAsync()).RootElement;
                Assert.False(result.GetProperty("ok").GetBoolean());
                Assert.Contains(expected, result.GetProperty("error").GetString(), StringComparison.Ordinal);
            }

            await sampling.CancelAsync();
            Assert.InRange(await peak, 0, MemoryBound);
            for (var i = 0; i < Attacks.Length; i++)
            {
                // The camera's loop and one probe at most: never a second read behind a stuck one. (A
                // redirect loop's connections overlap as each hop is closed while the next opens.)
                Assert.True(cameras[i].MostOpenAtOnce <= (Attacks[i].Path == "/loop" ? 8 : 2), $"{Attacks[i].Path}: {cameras[i].MostOpenAtOnce} connections at once");
            }
        }
        finally
        {
            foreach (var camera in cameras)
            {
                await camera.DisposeAsync();
            }
        }
    }

    // The largest resident size the app reached while it was sampled.
    private static async Task<long> PeakMemoryAsync(int pid, CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            peak = Math.Max(peak, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024);
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }
}
