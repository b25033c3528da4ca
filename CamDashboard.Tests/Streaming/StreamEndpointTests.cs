using System.Net;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Tests.Infrastructure;
using OpenCvSharp;

namespace CamDashboard.Tests.Streaming;

[Collection(TimingSensitive.Name)]
public sealed class StreamEndpointTests
{
    [Fact]
    public async Task Stream_TwentyClients_EachGetWellFormedParts_AndEachFrameIsEncodedOnce()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 15));
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StreamClient.OpenAsync(app.Client(), "/stream/cam")));
        try
        {
            Assert.All(clients, c => Assert.Equal($"multipart/x-mixed-replace; boundary={MultipartFraming.Boundary}", c.ContentType!.ToString()));
            await Task.WhenAll(clients.Select(c => c.Reader.ReadPartAsync()));

            // Everyone is watching now: count captures and encodes over the next stretch.
            var captured = camera.FramesCaptured;
            var encoded = camera.FramesEncoded;
            var received = await Task.WhenAll(clients.Select(c => c.Reader.ReadPartsAsync(15)));
            var capturedDuring = camera.FramesCaptured - captured;
            var encodedDuring = camera.FramesEncoded - encoded;

            foreach (var parts in received)
            {
                Assert.All(parts, p =>
                {
                    Assert.Equal("image/jpeg", p.Headers["Content-Type"]);
                    using var image = Cv2.ImDecode(p.Jpeg, ImreadModes.Color);
                    Assert.False(image.Empty());
                    Assert.Equal(320, image.Width);
                });
                Assert.All(parts.Zip(parts.Skip(1)), pair => Assert.True(pair.Second.Timestamp > pair.First.Timestamp));
            }

            // One encode per captured frame however many watch (20 viewers got 15 frames each).
            Assert.InRange(encodedDuring, capturedDuring * 0.8, capturedDuring + 1);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stream_BodyOpensWithBoundary_AndIsNotCached()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        using var response = await client.GetAsync("/stream/cam", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var start = new byte[MultipartFraming.Boundary.Length + 2];
        await body.ReadExactlyAsync(start);
        Assert.Equal("--" + MultipartFraming.Boundary, System.Text.Encoding.ASCII.GetString(start));
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Stream_FpsFive_DeliversAboutFiveFramesPerSecond()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 30));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam?fps=5");
        await stream.Reader.ReadPartsAsync(2); // the schedule starts at the first frame
        var parts = await stream.Reader.ReadPartsAsync(11);
        // The median gap, so that one stall of a loaded machine's capture thread is not read as the limit.
        var gaps = parts.Zip(parts.Skip(1), (a, b) => b.Timestamp - a.Timestamp).Order().ToList();
        Assert.InRange(1 / gaps[gaps.Count / 2], 4.0, 6.0);
    }

    [Theory]
    [InlineData("/stream/cam?fps=0", HttpStatusCode.BadRequest)]
    [InlineData("/stream/cam?fps=61", HttpStatusCode.BadRequest)]
    [InlineData("/stream/cam?fps=abc", HttpStatusCode.BadRequest)]
    [InlineData("/stream/nope", HttpStatusCode.NotFound)]
    [InlineData("/snapshot/nope", HttpStatusCode.NotFound)]
    public async Task BadRequests_GetTheirDocumentedStatus_AsProblemDetails(string path, HttpStatusCode expected)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Snapshot_ReturnsAFreshDecodableJpeg()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var client = app.Client();
        using var response = await client.GetAsync("/snapshot/cam");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var captured = DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(response.Headers.GetValues("X-Timestamp").Single(), System.Globalization.CultureInfo.InvariantCulture) * 1000));
        Assert.InRange(DateTimeOffset.UtcNow - captured, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        using var image = Cv2.ImDecode(await response.Content.ReadAsByteArrayAsync(), ImreadModes.Color);
        Assert.Equal(new Size(320, 180), image.Size());
    }
}
