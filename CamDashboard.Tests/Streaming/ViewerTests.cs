using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Streaming;

[Collection(TimingSensitive.Name)]
public sealed class ViewerTests
{
    private sealed record ViewerRow(long Id, string CameraId, string Kind, string? User, string? UserAgent, long FramesSent);

    [Fact]
    public async Task Kick_EndsThatStreamWithinOneSecond_RemovesIt_AndOthersContinue()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var registry = app.Get<IViewerRegistry>();
        await using var victim = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await using var bystander = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await victim.Reader.ReadPartAsync();
        await bystander.Reader.ReadPartAsync();

        using var admin = app.Client();
        var rows = await admin.GetFromJsonAsync<ViewerRow[]>("/api/viewers");
        Assert.Equal(2, rows!.Length);
        Assert.All(rows, r => Assert.Equal(("cam", "mjpeg", "admin"), (r.CameraId, r.Kind, r.User)));
        var victimId = rows.Min(r => r.Id);

        var kicked = Stopwatch.StartNew();
        using (var response = await admin.DeleteAsync($"/api/viewers/{victimId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await DrainUntilEndAsync(victim);
        Assert.InRange(kicked.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await Eventually.True(() => registry.Viewers.Count == 1, "kicked viewer gone from the registry");
        Assert.NotEqual(victimId, registry.Viewers.Single().Id);
        await bystander.Reader.ReadPartsAsync(5);

        using var again = await admin.DeleteAsync($"/api/viewers/{victimId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var malformed = await admin.DeleteAsync("/api/viewers/abc");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task KickWithBan_RefusesThatUser_Until_TheBanEnds()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<CamDashboard.Auth.UserAdministration>().CreateAsync("bob", "Bob-Password-123", CamDashboard.Auth.Roles.Viewer, "admin");
        await using var victim = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-123"), "/stream/cam");
        await victim.Reader.ReadPartAsync();
        var id = app.Get<IViewerRegistry>().Viewers.Single().Id;

        using var admin = app.Client();
        using (var response = await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=5"))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using var bob = app.Client("bob", "Bob-Password-123");
        using var refused = await bob.GetAsync("/stream/cam", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var badBan = await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=x");
        Assert.Equal(HttpStatusCode.BadRequest, badBan.StatusCode);
    }

    [Fact]
    public async Task AnAdminCannotBanThemselves_AndKeepsWatching()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var own = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await own.Reader.ReadPartAsync();
        var id = app.Get<IViewerRegistry>().Viewers.Single().Id;

        using var admin = app.Client();
        using var response = await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=5");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cannot ban yourself", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await own.Reader.ReadPartAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/cameras")).StatusCode);
    }

    [Fact]
    public async Task Disconnecting_RemovesTheViewer_AndStopsEncodingWhenNobodyWatches()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var registry = app.Get<IViewerRegistry>();
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartsAsync(2);
        Assert.Single(registry.Viewers);

        await stream.DisposeAsync();
        await Eventually.True(() => registry.Viewers.Count == 0, "viewer removed after disconnect");
        var encoded = camera.FramesEncoded;
        var captured = camera.FramesCaptured;
        await Eventually.True(() => camera.FramesCaptured > captured + 10, "capture goes on");
        Assert.Equal(encoded, camera.FramesEncoded);
    }

    [Fact]
    public async Task ClientThatStopsReading_DoesNotSlowOthers_AndItsBacklogStaysBounded()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 15));
        var registry = app.Get<IViewerRegistry>();
        var camera = app.Get<CameraCatalog>().Find("cam")!;

        var stalledHandler = new SocketsHttpHandler { ConnectCallback = SmallReceiveBufferAsync };
        await using var stalled = await StreamClient.OpenAsync(app.Client(handler: stalledHandler), "/stream/cam");
        await stalled.Reader.ReadPartAsync();
        var stalledViewer = registry.Viewers.Single();

        await using var healthy = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await healthy.Reader.ReadPartsAsync(15); // past JIT warm-up of the test's own reader
        var healthyViewer = registry.Viewers.Single(v => v.Id != stalledViewer.Id);

        // The stalled viewer's bytes stop growing while the camera keeps producing frames.
        var plateaued = false;
        // A monotonic clock: the wall clock of these VMs can jump (seen: 23 s at once).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(30);
        // Bounded: a fan-out held up by the stalled viewer would otherwise hang this read forever.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var rounds = 0;
        var encodedAtStart = camera.FramesEncoded;
        var sentAtStart = healthyViewer.FramesSent;
        while ((!plateaued || rounds < 3) && waited.Elapsed < limit)
        {
            rounds++;
            var sent = stalledViewer.BytesSent;
            var encoded = camera.FramesEncoded;
            while (camera.FramesEncoded < encoded + 15)
            {
                await healthy.Reader.ReadPartAsync(bound.Token);
            }

            plateaued = stalledViewer.BytesSent == sent;
        }

        var encodedMeanwhile = camera.FramesEncoded - encodedAtStart;
        var sentMeanwhile = healthyViewer.FramesSent - sentAtStart;
        Assert.True(plateaued, "the stalled viewer kept taking frames: its data is queuing somewhere");
        Assert.InRange(stalledViewer.BytesSent, 0, 1024 * 1024);

        // The server kept sending the healthy viewer the camera's frames; a fan-out held up by the
        // stalled viewer would have sent it none once the stalled socket filled. The margin is
        // for this test's own reader and the suite sharing two cores, which make the healthy
        // viewer skip frames (27 of 45 seen on a loaded CI run); how many it gets at full speed is
        // the bench's "stalled viewers" row to measure, not a test's. (Counted at the server.)
        Assert.InRange(sentMeanwhile, encodedMeanwhile * 0.4, encodedMeanwhile + 1);
    }

    private static async ValueTask<Stream> SmallReceiveBufferAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }

    private static async Task DrainUntilEndAsync(StreamClient client)
    {
        var buffer = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (await client.Body.ReadAsync(buffer, limit.Token) > 0)
            {
            }
        }
        catch (HttpIOException)
        {
            // An aborted chunked response ends with an error rather than a clean end: both mean "gone".
        }
        catch (IOException)
        {
        }
    }
}
