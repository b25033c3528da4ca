using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Capture;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Sources;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Capture;

/// <summary>Whatever a source does — hang, fail, be killed — no thread, file descriptor or child
/// process is left behind.</summary>
[Collection(ProcessWide.Name)]
public sealed class SourceLeakTests
{
    [Fact]
    public void ASourceThatHangs_IsReportedDown_WithoutASecondCaptureThread()
    {
        var time = new FakeTimeProvider();
        var source = new FakeCameraSource();
        var camera = new Camera(new CameraOptions { Id = "hang", Source = "0", MaxFps = 50 }, CameraOrigin.Configuration, time);
        var limits = new StreamingLimits { StallTimeout = TimeSpan.FromSeconds(5) };
        var worker = new CaptureWorker(camera, StreamRole.Main, source, new NoCameraRelays(), "", limits, time, NullLogger.Instance);
        source.Hang();
        worker.Start();
        try
        {
            // The watchdog measures from the moment the read blocked, so the clock moves only after that.
            Assert.True(SpinWait.SpinUntil(() => source.IsHanging, TimeSpan.FromSeconds(10)), "the capture thread reached the hanging read");
            // Twenty stall periods: the old design abandoned the stuck thread and started a new one each time.
            for (var i = 0; i < 20; i++)
            {
                time.Advance(limits.StallTimeout / 2);
            }

            Assert.Equal(CameraState.Reconnecting, camera.State);
            Assert.Equal(1, ProcessCounts.ThreadsNamed("capture hang"));
        }
        finally
        {
            source.Release();
            worker.Stop(TimeSpan.FromSeconds(5));
        }

        // Join returns when the managed thread is done; the kernel drops its task a moment later.
        Assert.True(SpinWait.SpinUntil(() => ProcessCounts.ThreadsNamed("capture hang") == 0, TimeSpan.FromSeconds(5)), "the capture thread ended");
    }

    [Fact]
    public async Task FiftyFailedOpens_LeaveThreadsFileDescriptorsAndChildProcessesWhereTheyWere()
    {
        using var rtsp = ExternalCamera.Rtsp("user", "right");
        var probe = new CameraProbe(new CameraSourceFactory(TimeProvider.System, NullLogger<FfmpegSource>.Instance, Options.Create(new CameraStreamingOptions())), Options.Create(new CameraStreamingOptions()));
        CameraOptions[] failing =
        [
            new() { Id = "rtsp", Source = $"rtsp://user:wrong@127.0.0.1:{rtsp.Port}/test" },
            new() { Id = "http", Source = $"http://127.0.0.1:{ExternalCamera.FreePort()}/video" },
        ];
        foreach (var camera in failing)
        {
            Assert.False((await probe.ProbeAsync(camera, default)).Ok); // warm-up: first-use allocations
        }

        var (threads, fds) = (ProcessCounts.Threads, ProcessCounts.FileDescriptors);
        for (var i = 0; i < 50; i++)
        {
            foreach (var camera in failing)
            {
                var result = await probe.ProbeAsync(camera, default);
                Assert.Equal(camera.Id == "rtsp" ? "Unauthorized" : "Unreachable", result.Fault);
            }
        }

        // The RTSP server is this test's own child; no ffmpeg may be.
        Assert.DoesNotContain(ProcessCounts.Children(), IsFfmpeg);
        // A leak of one per attempt would be a hundred; the margin is the thread pool's own breathing.
        Assert.InRange(ProcessCounts.FileDescriptors, 0, fds + 8);
        Assert.InRange(ProcessCounts.Threads, 0, threads + 8);
    }

    [Fact]
    public async Task FfmpegChildren_DieWithTheApp_EvenWhenItIsKilled()
    {
        using var rtsp = ExternalCamera.Rtsp();
        await using var app = new AppProcess(new Dictionary<string, string>
        {
            ["Cameras__0__Id"] = "cam",
            ["Cameras__0__Source"] = $"rtsp://127.0.0.1:{rtsp.Port}/test",
            // Decoding with nobody watching: the ffmpeg child stays (in standby there would be none).
            ["Cameras__0__AlwaysOn"] = "true",
        });

        // setpriv runs ffmpeg in its own place, so the app's child is ffmpeg itself.
        await Eventually.True(() => ProcessCounts.Children(app.Process.Id).Any(IsFfmpeg), "the app started ffmpeg", 30);
        var ffmpeg = ProcessCounts.Children(app.Process.Id).First(IsFfmpeg);
        app.Process.Kill(); // SIGKILL: no shutdown code runs
        await app.Process.WaitForExitAsync();
        await Eventually.True(() => !ProcessCounts.IsRunning(ffmpeg), "ffmpeg died with the app", 5);
    }

    private static bool IsFfmpeg(int pid) => File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() == "ffmpeg";
}
