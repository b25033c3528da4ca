using System.Diagnostics;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace CamDashboard.Tests.Streaming;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_EndsStreamsCleanly_AndReleasesCameras_WithinAFewSeconds()
    {
        var app = new TestApp(TestApp.Pattern());
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartAsync();

        var stopping = Stopwatch.StartNew();
        app.Get<IHostApplicationLifetime>().StopApplication();
        while (await stream.Reader.ReadPartAsync() is not null)
        {
            // Frames already on their way are fine; the stream must then end without an error.
        }

        await app.DisposeAsync();
        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(CameraState.Stopped, camera.State);
    }
}
