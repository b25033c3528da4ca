using System.Net;
using System.Text;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CamDashboard.Tests.Streaming;

/// <summary>The MJPEG writer as a client sees it on the wire: order, head, every way a stream ends.</summary>
public sealed class StreamWriterTests
{
    [Theory]
    [InlineData("/snapshot/cam")]
    [InlineData("/api/cameras")]
    public async Task PipelinedRequests_AreAnsweredInOrder(string first)
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 30));
        // The race showed in most runs; twenty connections make a pass by luck unlikely.
        for (var run = 0; run < 20; run++)
        {
            using var connection = await RawHttpConnection.OpenAsync(app.Address);
            await connection.SendAsync(RawHttpConnection.Request("GET", first), RawHttpConnection.Request("GET", "/stream/cam"));

            var (status, headers) = await connection.ReadHeadAsync();
            Assert.Equal(200, status);
            Assert.DoesNotContain("multipart", headers["Content-Type"], StringComparison.Ordinal);
            await connection.ReadBodyAsync(headers);

            (status, headers) = await connection.ReadHeadAsync();
            Assert.Equal(200, status);
            Assert.Equal(MultipartFraming.ContentType, headers["Content-Type"]);
            var reader = new MjpegReader(connection.Stream);
            var chunked = headers.TryGetValue("Transfer-Encoding", out var coding) && coding == "chunked";
            if (!chunked)
            {
                Assert.Equal(2, (await reader.ReadPartsAsync(2)).Count);
            }
        }
    }

    [Fact]
    public async Task StreamOnAKeptAliveConnection_PlaysThroughKestrel()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 30));
        using var client = app.Client(handler: new SocketsHttpHandler { MaxConnectionsPerServer = 1 });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cameras")).StatusCode);

        await using var stream = await StreamClient.OpenAsync(client, "/stream/cam");
        Assert.Equal(3, (await stream.Reader.ReadPartsAsync(3)).Count);
    }

    [Fact]
    public async Task DirectStreamHead_CarriesDateAndTheHeadersMiddlewareSet()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var connection = await RawHttpConnection.OpenAsync(app.Address);
        await connection.SendAsync(RawHttpConnection.Request("GET", "/stream/cam"));

        var (status, headers) = await connection.ReadHeadAsync();
        Assert.Equal(200, status);
        Assert.True(DateTimeOffset.TryParse(headers["Date"], out var date));
        Assert.InRange(date, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
        Assert.Equal("close", headers["Connection"]);
        Assert.Equal(MjpegCacheControl, headers["Cache-Control"]);
        Assert.False(headers.ContainsKey("Transfer-Encoding"));
        Assert.NotNull(await new MjpegReader(connection.Stream).ReadPartAsync());
    }

    [Fact]
    public async Task AFailureAfterFramesWereSent_EndsTheStreamAfterAWholePart_WithNothingWrittenAfterIt()
    {
        // The retriever's clock fails after some frames: an unexpected exception mid-stream.
        await using var app = new TestApp(TestApp.Pattern(fps: 30)).WithServices(services =>
            services.AddScoped(provider => new FrameRetriever(provider.GetRequiredService<IViewerRegistry>(), new FailingClock(afterReadings: 10))));
        using var connection = await RawHttpConnection.OpenAsync(app.Address);
        await connection.SendAsync(RawHttpConnection.Request("GET", "/stream/cam?fps=30"));
        Assert.Equal(200, (await connection.ReadHeadAsync()).Status);

        var reader = new MjpegReader(connection.Stream);
        var parts = 0;
        while (await reader.ReadPartAsync() is not null)
        {
            parts++;
        }

        // A clean end between parts: no 500, no bytes of any kind after the last part.
        Assert.InRange(parts, 1, 10);
        Assert.Empty(await connection.ReadToEndAsync());
        await Eventually.True(() => app.Get<IViewerRegistry>().Viewers.Count == 0, "the failed viewer left the registry");
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cameras")).StatusCode);
    }

    [Theory]
    [InlineData("/stream/cam", MultipartFraming.ContentType)]
    [InlineData("/snapshot/cam", "image/jpeg")]
    public async Task Head_AnswersWhatGetWould_WithoutABody(string path, string contentType)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.Empty(app.Get<IViewerRegistry>().Viewers);
        using var unknown = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path.Replace("cam", "nope", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task IdleViewer_IsClosedAfterAWholePart_NotReset()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 30, width: 640, height: 360))
            .With("Streaming:ViewerIdleTimeout", "00:00:01")
            .With("Streaming:CloseGrace", "00:00:05")
            .With("Streaming:SendBufferBytes", "8192");
        using var connection = await RawHttpConnection.OpenAsync(app.Address, receiveBufferBytes: 8192);
        await connection.SendAsync(RawHttpConnection.Request("GET", "/stream/cam"));
        Assert.Equal(200, (await connection.ReadHeadAsync()).Status);
        var reader = new MjpegReader(connection.Stream);
        await reader.ReadPartAsync();

        // Stop reading until the server gives up on this viewer, then read what it sent.
        var registry = app.Get<IViewerRegistry>();
        var viewer = registry.Viewers.Single().Id;
        await Eventually.True(() => registry.Find(viewer) is null or { IsEnded: true }, "the idle viewer was disconnected");
        var parts = 0;
        while (await reader.ReadPartAsync() is not null)
        {
            parts++;
        }

        Assert.True(parts > 0, "the parts already on their way were delivered");
        Assert.Empty(await connection.ReadToEndAsync());
    }

    [Fact]
    public async Task TileSocketThatFailsHalfWay_LeavesNoViewerAndNoDemand()
    {
        var registrations = 0;
        await using var app = new TestApp(TestApp.Pattern("a"), TestApp.Pattern("b")).WithServices(services =>
        {
            services.AddSingleton<ViewerRegistry>();
            services.AddSingleton<IViewerRegistry>(provider =>
                new FailingOnSecondRegistry(provider.GetRequiredService<ViewerRegistry>(), () => Interlocked.Increment(ref registrations)));
        });
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", TestApp.Basic("admin", TestApp.AdminPassword).ToString());
        var uri = new UriBuilder(app.Address) { Scheme = "ws", Path = "/ws/tiles", Query = "cameras=a,b" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, default);
            await socket.ReceiveAsync(new byte[64 * 1024], default);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException)
        {
            // The server's half-way failure ends the socket; what matters is what it left behind.
        }

        var cameras = app.Get<CameraCatalog>();
        await Eventually.True(() => app.Get<IViewerRegistry>().Viewers.Count == 0, "no viewer left registered");
        await Eventually.True(() => cameras.Find("a")!.TiersInUse.Count == 0 && cameras.Find("b")!.TiersInUse.Count == 0, "no camera left encoding for nobody");
        Assert.True(registrations >= 2);
    }

    private const string MjpegCacheControl = "no-cache, no-store, must-revalidate";

    private sealed class FailingClock(int afterReadings) : TimeProvider
    {
        private int _readings;

        public override long GetTimestamp() =>
            Interlocked.Increment(ref _readings) > afterReadings ? throw new InvalidOperationException("clock failed") : base.GetTimestamp();
    }

    private sealed class FailingOnSecondRegistry(IViewerRegistry inner, Func<int> count) : IViewerRegistry
    {
        public event EventHandler<ViewerChange>? Changed
        {
            add => inner.Changed += value;
            remove => inner.Changed -= value;
        }

        public IReadOnlyList<Viewer> Viewers => inner.Viewers;

        public Viewer? Find(long viewerId) => inner.Find(viewerId);

        public int CountFor(string cameraId) => inner.CountFor(cameraId);

        public Viewer Register(ViewerDescription description) =>
            count() == 2 ? throw new InvalidOperationException("registry failed") : inner.Register(description);

        public void Unregister(Viewer viewer) => inner.Unregister(viewer);

        public bool Kick(long viewerId) => inner.Kick(viewerId);
    }
}
