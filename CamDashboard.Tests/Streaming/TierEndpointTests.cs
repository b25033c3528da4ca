using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Tests.Infrastructure;
using OpenCvSharp;

namespace CamDashboard.Tests.Streaming;

/// <summary>Tiers as clients see them: <c>?tier=</c> pins one, a slow connection is moved down
/// by itself while a fast one keeps full frames, and the viewer list says who gets what.</summary>
[Collection(TimingSensitive.Name)]
public sealed class TierEndpointTests
{
    [Fact]
    public async Task PinnedSmallTier_StreamsHalfSizeFrames_AndTheViewerListSaysSo()
    {
        await using var app = new TestApp(TestApp.Pattern(width: 800, height: 450));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam?tier=small");
        var part = (await stream.Reader.ReadPartAsync())!;
        using var image = Cv2.ImDecode(part.Jpeg, ImreadModes.Color);
        Assert.Equal((400, 225), (image.Width, image.Height));

        var viewer = Assert.Single(await app.Client().GetFromJsonAsync<JsonElement[]>("/api/viewers") ?? []);
        Assert.Equal("small", viewer.GetProperty("tier").GetString());
        Assert.False(viewer.GetProperty("tierIsAdaptive").GetBoolean());
    }

    [Fact]
    public async Task SnapshotAndTiles_ServeTheirTier()
    {
        await using var app = new TestApp(TestApp.Pattern(width: 800, height: 450));
        using var client = app.Client();
        var snapshot = await client.GetByteArrayAsync("/snapshot/cam?tier=small");
        using (var image = Cv2.ImDecode(snapshot, ImreadModes.Color))
        {
            Assert.Equal(400, image.Width);
        }

        // Dashboard tiles get the small tier unless they ask for another.
        using var tiles = await TileSocket.OpenAsync(app, "cameras=cam");
        using var tile = Cv2.ImDecode((await tiles.ReceiveAsync()).Jpeg, ImreadModes.Color);
        Assert.Equal(400, tile.Width);
    }

    [Fact]
    public async Task TileFrames_OfAnHdCamera_StayUnderTwentyKilobytes()
    {
        // A 16-camera grid of 1280×720 cameras at 10 tile frames a second: ≤ 3.2 MB/s for the browser.
        var camera = TestApp.Pattern(fps: 10, width: 1280, height: 720, quality: 80);
        camera.Texture = true;
        await using var app = new TestApp(camera);
        using var tiles = await TileSocket.OpenAsync(app, "cameras=cam");
        for (var i = 0; i < 5; i++)
        {
            var (_, jpeg) = await tiles.ReceiveAsync();
            using var tile = Cv2.ImDecode(jpeg, ImreadModes.Color);
            Assert.Equal((480, 270), (tile.Width, tile.Height));
            Assert.InRange(jpeg.Length, 1000, 20_000);
        }
    }

    [Theory]
    [InlineData("/stream/cam?tier=huge")]
    [InlineData("/stream/cam?tier=small&tier=full")]
    [InlineData("/snapshot/cam?tier=auto")]
    public async Task UnknownTier_IsABadRequest_NamingTheParameter(string path)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var response = await app.Client().GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("tier", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowConnection_MovesDownToSmallFrames_WhileAFastViewerKeepsFullOnes()
    {
        var camera = TestApp.Pattern(fps: 30, width: 1280, height: 720, quality: 90);
        camera.Texture = true;
        await using var app = new TestApp(camera);
        await using var fast = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var fullPart = Cv2.ImDecode((await fast.Reader.ReadPartAsync())!.Jpeg, ImreadModes.Color);
        Assert.Equal(1280, fullPart.Width);
        using var keepReading = new CancellationTokenSource();
        var fastReading = Task.Run(async () =>
        {
            while (!keepReading.IsCancellationRequested && await fast.Reader.ReadPartAsync(keepReading.Token) is not null)
            {
            }
        });

        // A link of 150 KB/s with little buffering on the way: the bytes wait at the server.
        using var slow = await RawHttpConnection.OpenAsync(app.Address, receiveBufferBytes: 8 * 1024);
        await slow.SendAsync(RawHttpConnection.Request("GET", "/stream/cam"));
        Assert.Equal(200, (await slow.ReadHeadAsync()).Status);
        var reader = new MjpegReader(new ThrottledStream(slow.Stream, 150_000));

        var parts = new List<MjpegReader.Part>();
        // A monotonic clock: the wall clock of these VMs can jump (seen: 23 s at once).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(30);
        while (waited.Elapsed < limit && (parts.Count == 0 || Width(parts[^1]) != 480))
        {
            parts.Add((await reader.ReadPartAsync())!);
        }

        Assert.Equal(480, Width(parts[^1]));
        var viewers = await app.Client().GetFromJsonAsync<JsonElement[]>("/api/viewers") ?? [];
        Assert.Equal(["full", "small"], viewers.Select(v => v.GetProperty("tier").GetString()).Order(StringComparer.Ordinal));
        Assert.All(viewers, v => Assert.True(v.GetProperty("tierIsAdaptive").GetBoolean()));
        Assert.Equal([FrameTier.Full, FrameTier.Small], app.Get<CameraCatalog>().Find("cam")!.TiersInUse);

        await keepReading.CancelAsync();
        await fastReading.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>The JPEG of the next tile message ([id length][id][JPEG]).</summary>
    private static int Width(MjpegReader.Part part)
    {
        using var image = Cv2.ImDecode(part.Jpeg, ImreadModes.Color);
        return image.Width;
    }
}
