using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Sources;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Streaming;

public sealed class ReconnectTests
{
    private static TestApp AppWith(FakeCameraSource source) =>
        new TestApp(new CameraOptions { Id = "cam", Source = "0", MaxFps = 20 })
            .With("Streaming:StallTimeout", "00:00:00.8")
            .WithServices(s => s.AddSingleton<ICameraSourceFactory>(source));

    [Fact]
    public async Task FailingSource_GoesReconnecting_ThenLiveAgain_WhileViewersStayConnected()
    {
        var source = new FakeCameraSource();
        await using var app = AppWith(source);
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartsAsync(3);

        source.Fail();
        await Eventually.True(() => camera.State == CameraState.Reconnecting, "camera reconnecting after read failure");
        var offline = await stream.Reader.ReadPartAsync();
        using (var image = Cv2.ImDecode(offline!.Jpeg, ImreadModes.Color))
        {
            Assert.Equal(new Size(160, 120), image.Size()); // the "offline since" frame keeps the camera's size
        }

        source.Recover();
        await Eventually.True(() => camera.State == CameraState.Live, "camera live after recovery");
        var afterRecovery = await stream.Reader.ReadPartsAsync(3);
        Assert.Equal(3, afterRecovery.Count);
        Assert.True(source.Opens >= 2);
    }

    [Fact]
    public async Task HangingRead_IsDetectedAsStall_AndTheCameraRecovers()
    {
        var source = new FakeCameraSource();
        await using var app = AppWith(source);
        var camera = app.Get<CameraCatalog>().Find("cam")!;
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await stream.Reader.ReadPartsAsync(2);

        source.Hang();
        await Eventually.True(() => camera.State == CameraState.Reconnecting, "stall detected");
        source.Release();
        await Eventually.True(() => camera.State == CameraState.Live, "live after the stall");
        await stream.Reader.ReadPartsAsync(3);
    }
}
