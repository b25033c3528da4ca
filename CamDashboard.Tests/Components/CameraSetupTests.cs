using Bunit;
using CamDashboard.Components.Pages.CameraSetup;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure.Servers;
using MudBlazor;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Components;

public sealed class CameraSetupTests : DashboardTestContext
{
    private IRenderedComponent<CameraSetup> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<CameraSetup>();
    }

    private static void Fill(IRenderedComponent<CameraSetup> cut, string testId, string value)
    {
        var selector = $"input[data-testid={testId}], [data-testid={testId}] input";
        cut.Find(selector).Input(value);
        cut.Find(selector).Blur();
    }

    [Fact]
    public async Task Test_ShowsTheCamerasFrameAndFormat_ThenSaveAddsTheCamera()
    {
        await using var upstream = new JpegHttpServer();
        var cut = RenderPage();
        cut.Find("[data-testid=add-camera]").Click();
        Fill(cut, "camera-id", "porch");
        Fill(cut, "camera-source", upstream.Url("/mjpeg"));
        cut.Find("[data-testid=test-camera]").Click();

        cut.WaitForAssertion(() => Assert.Contains("MJPEG over HTTP", cut.Find("[data-testid=probe-result]").TextContent), TimeSpan.FromSeconds(15));
        var preview = cut.Find("[data-testid=probe-preview]").GetAttribute("src")!;
        Assert.Equal(upstream.Frames[0], Convert.FromBase64String(preview["data:image/jpeg;base64,".Length..]));

        cut.Find("[data-testid=save-camera]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(Cameras.Find("porch")));
        Assert.Equal(CameraOrigin.Dashboard, Cameras.Find("porch")!.Origin);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=camera-editor]")));
    }

    [Fact]
    public void ConfiguredCameras_HaveNoEditOrRemove_AndInvalidInputShowsTheRuleAtTheField()
    {
        var cut = RenderPage();
        Assert.Empty(cut.FindAll("[data-testid=edit-camera]"));
        Assert.Contains("configuration", cut.Find("tbody").TextContent);

        cut.Find("[data-testid=add-camera]").Click();
        Fill(cut, "camera-id", "bad id");
        Fill(cut, "camera-source", "testpattern");
        cut.Find("[data-testid=save-camera]").Click();
        cut.WaitForAssertion(() => Assert.Contains("must be 1-64 letters", cut.Markup));
        Assert.Null(Cameras.Find("bad id"));
    }

    [Fact]
    public async Task TheSubstreamHasItsOwnTest_AndIsSavedWithTheCamera()
    {
        await using var main = new JpegHttpServer();
        await using var small = new JpegHttpServer(count: 2);
        var cut = RenderPage();
        cut.Find("[data-testid=add-camera]").Click();
        Fill(cut, "camera-id", "porch");
        Fill(cut, "camera-source", main.Url("/mjpeg"));
        Fill(cut, "camera-substream", small.Url("/snapshot.jpg"));
        cut.Find("[data-testid=test-substream]").Click();

        // The substream's own frame and format, said to be the substream's.
        cut.WaitForAssertion(() => Assert.Contains("Substream: found JPEG snapshots over HTTP", cut.Find("[data-testid=probe-result]").TextContent), TimeSpan.FromSeconds(15));
        var preview = cut.Find("[data-testid=probe-preview]").GetAttribute("src")!;
        Assert.Contains(small.Frames, f => f.AsSpan().SequenceEqual(Convert.FromBase64String(preview["data:image/jpeg;base64,".Length..])));

        Fill(cut, "camera-substream", $"http://127.0.0.1:{ExternalCamera.FreePort()}/sub.jpg");
        cut.Find("[data-testid=test-substream]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Substream: 127.0.0.1", cut.Find("[data-testid=probe-error]").TextContent), TimeSpan.FromSeconds(15));

        Fill(cut, "camera-substream", small.Url("/snapshot.jpg"));
        cut.Find("[data-testid=save-camera]").Click();
        cut.WaitForAssertion(() => Assert.Equal(small.Url("/snapshot.jpg"), Cameras.Find("porch")?.Definition.Substream));
    }
}
