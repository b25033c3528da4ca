using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CamDashboard.Tests.Cluster;

/// <summary>Each camera is captured by one node of the cluster; the others relay that node's
/// stream, only while they have viewers, and take the camera over when its node dies.</summary>
public sealed class CameraOwnershipTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OneNodeCapturesTheCamera_TheOthersRelayItsJpegsUntouched_OneUpstreamEach()
    {
        await using var cluster = await TestCluster.StartAsync(["a", "b", "c"], TestApp.Pattern(fps: 10));
        List<StreamClient> streams = [];
        try
        {
            foreach (var node in new[] { "a", "b", "c" })
            {
                var stream = await StreamClient.OpenAsync(cluster[node].Client(), "/stream/cam");
                streams.Add(stream);
                await stream.Reader.ReadPartsAsync(3);
            }

            var owners = new HashSet<string>();
            foreach (var node in new[] { "a", "b", "c" })
            {
                using var list = await cluster[node].Client().GetFromJsonAsync<JsonDocument>("/api/cameras");
                owners.Add(list!.RootElement[0].GetProperty("node").GetString()!);
            }

            var owner = Assert.Single(owners);
            var relays = new[] { "a", "b", "c" }.Where(n => n != owner).ToList();
            Assert.DoesNotContain("relayed", cluster[owner].Get<CameraCatalog>().Find("cam")!.Format, StringComparison.Ordinal);
            foreach (var node in relays)
            {
                var camera = cluster[node].Get<CameraCatalog>().Find("cam")!;
                Assert.Equal($"relayed from node {owner}", camera.Format);
                // The owner's JPEGs, not decoded and encoded again (only the "starting" picture was drawn here).
                var (encoded, passed) = (camera.FramesEncoded, camera.FramesPassedThrough);
                await Eventually.True(() => camera.FramesPassedThrough >= passed + 5, "five more frames passed through");
                Assert.Equal(encoded, camera.FramesEncoded);
                var upstream = Assert.Single(cluster[owner].Get<IViewerRegistry>().Viewers, v => v.Description.User == $"node:{node}");
                Assert.Equal(ViewerKind.Relay, upstream.Description.Kind);
                // A relay is no person to ban: that would cut the node's viewers off.
                using var ban = await cluster[owner].Client().DeleteAsync($"/api/viewers/{upstream.Id}?banMinutes=5");
                Assert.Equal(System.Net.HttpStatusCode.Conflict, ban.StatusCode);
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ARelay_IsOpenOnlyWhileItsNodeHasViewers()
    {
        await using var cluster = await TestCluster.StartAsync(["a", "b"], node => node.With("Streaming:StandbyAfter", "00:00:00.5"), TestApp.Pattern(fps: 10));
        await Eventually.True(() => cluster["a"].Get<ICameraRelays>().OwnerOf("cam") is { Length: > 0 } owner && owner == cluster["b"].Get<ICameraRelays>().OwnerOf("cam"), "both nodes know the owner");
        var owner = cluster["a"].Get<ICameraRelays>().OwnerOf("cam");
        var relay = owner == "a" ? "b" : "a";
        int Upstreams() => cluster[owner].Get<IViewerRegistry>().Viewers.Count(v => v.Description.User == $"node:{relay}");
        // A stream looks once at start-up, for its first frame (its size and format), then stands
        // by: the relay's one look may still be open here, and must end with nobody watching.
        await Eventually.True(() => Upstreams() == 0, "no upstream while the relay's node has no viewers", timeoutSeconds: 5);

        await using (var stream = await StreamClient.OpenAsync(cluster[relay].Client(), "/stream/cam"))
        {
            await stream.Reader.ReadPartsAsync(2);
            Assert.Equal(1, Upstreams());
        }

        await Eventually.True(() => Upstreams() == 0, "the relay closes once its node has nobody watching", timeoutSeconds: 5);
    }

    [Fact]
    public async Task WhenTheOwnerIsKilled_AnotherNodeCapturesTheCameraWithin15s_AndAViewerOnAThirdNodeResumes()
    {
        await using var cluster = await TestCluster.StartAsync([], TestApp.Pattern(fps: 10));
        // Node a, its own process, starts first and takes the camera.
        var a = await cluster.StartProcessNodeAsync("a", new Dictionary<string, string>
        {
            ["Cameras__0__Id"] = "cam", ["Cameras__0__Source"] = "testpattern", ["Cameras__0__MaxFps"] = "10",
            ["Cameras__0__Width"] = "320", ["Cameras__0__Height"] = "180", ["Cameras__0__Quality"] = "80",
        });
        using (var onA = new HttpClient { BaseAddress = a.Address })
        {
            onA.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", TestApp.AdminPassword);
            await Eventually.True(async () =>
            {
                using var list = await onA.GetFromJsonAsync<JsonDocument>("/api/cameras");
                return list!.RootElement[0].GetProperty("node").GetString() == "a";
            }, "node a captures the camera");
        }

        await cluster.AddNodeAsync("b", TestApp.Pattern(fps: 10));
        var c = await cluster.AddNodeAsync("c", TestApp.Pattern(fps: 10));
        await using var stream = await StreamClient.OpenAsync(c.Client(), "/stream/cam");
        await stream.Reader.ReadPartsAsync(3);
        var camera = c.Get<CameraCatalog>().Find("cam")!;
        Assert.Equal("relayed from node a", camera.Format);

        a.Process.Kill();
        var killed = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var relays = c.Get<ICameraRelays>();
        await Eventually.True(() => relays.OwnerOf("cam") is "b" or "c" && camera.State == CameraState.Live, "another node captures the camera, and c shows it live", timeoutSeconds: 15);

        // Frames at the camera's rate again, captured after the kill (the one "offline" picture aside).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15) - killed.Elapsed);
        var fresh = 0;
        while (fresh < 5)
        {
            var part = await stream.Reader.ReadPartAsync(timeout.Token) ?? throw new EndOfStreamException("c's stream ended");
            fresh = part.Timestamp > killedAt ? fresh + 1 : 0;
        }

        output.WriteLine($"taken over by node {relays.OwnerOf("cam")}; the viewer on c had frames again {killed.Elapsed.TotalSeconds:0.0} s after a was killed");
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(15), $"the viewer on c had frames again {killed.Elapsed.TotalSeconds:0.0} s after a was killed");
    }
}
