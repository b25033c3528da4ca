using CamDashboard.Streaming.Definitions;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Browser;

/// <summary>A camera with a substream, as the grid shows it in Chromium.</summary>
public sealed class SubstreamBrowserTests
{
    [Fact]
    public async Task TheGridOfACameraWithASubstream_DrawsSubstreamSizedFrames_AndTheCameraPageMainSizedOnes()
    {
        using var main = ExternalCamera.Rtsp(width: 320, height: 180);
        using var sub = ExternalCamera.Rtsp(width: 160, height: 90);
        await using var app = new TestApp(new CameraOptions
        {
            Id = "yard", Name = "Yard", Source = $"rtsp://127.0.0.1:{main.Port}/test", Substream = $"rtsp://127.0.0.1:{sub.Port}/test", MaxFps = 15,
        });
        await using var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.WaitInteractiveAsync();

        await browser.Page.WaitForFunctionAsync("() => Number(document.querySelector('img[data-tile=yard]')?.dataset.frames || 0) > 2", null, new() { Timeout = 30_000 });
        Assert.Equal(160, await browser.Page.EvaluateAsync<int>("() => document.querySelector('img[data-tile=yard]').naturalWidth"));
        await browser.ScreenshotAsync("grid-substream");

        await browser.OpenAsync("/cameras/yard");
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=live-view]')?.naturalWidth === 320", null, new() { Timeout = 30_000 });
        Assert.Contains("160×90", await browser.Page.InnerTextAsync("[data-testid=substream]"));
        await browser.ScreenshotAsync("camera-page-substream");
    }
}
