using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using Microsoft.Playwright;

namespace CamDashboard.Tests.Browser;

/// <summary>An admin adds, tests, edits and removes a camera from the dashboard, in Chromium.</summary>
[Collection(TimingSensitive.Name)]
public sealed class CameraSetupBrowserTests
{
    /// <summary>Signed in as admin, on the grid first (it must follow what the editor does), then the Add form.</summary>
    private static async Task<BrowserSession> OpenEditorAsync(TestApp app)
    {
        var browser = await BrowserSession.OpenAsync(app);
        await browser.SignInAsync();
        await browser.Page.WaitForSelectorAsync("[data-testid=camera-tile]");
        await browser.OpenAsync("/cameras");
        await browser.Page.ClickAsync("[data-testid=add-camera]");
        return browser;
    }

    // MudBlazor puts the test id on the input itself or on its wrapper, depending on the field.
    private static Task FillAsync(BrowserSession browser, string testId, string value) =>
        browser.Page.FillAsync($"input[data-testid={testId}], [data-testid={testId}] input", value);

    [Fact]
    public async Task AddingACamera_WithTest_ShowsAPreview_AndItsTileGoesLive_ThenEditAndRemove()
    {
        await using var upstream = new JpegHttpServer();
        await using var app = new TestApp(TestApp.Pattern("fixed"));
        await using var browser = await OpenEditorAsync(app);
        await FillAsync(browser, "camera-id", "shed");
        await FillAsync(browser, "camera-name", "Garden shed");
        await FillAsync(browser, "camera-source", upstream.Url("/mjpeg"));
        await browser.Page.ClickAsync("[data-testid=test-camera]");
        var found = await browser.Page.WaitForSelectorAsync("[data-testid=probe-result]");
        Assert.Contains("MJPEG over HTTP", await found!.InnerTextAsync());
        Assert.Contains("160×120", await found.InnerTextAsync());
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=probe-preview]')?.naturalWidth === 160");
        await browser.ScreenshotAsync("camera-setup-test");

        await browser.Page.ClickAsync("[data-testid=save-camera]");
        await Eventually.True(() => app.Get<CameraCatalog>().Find("shed")?.IsUp() == true, "the added camera is up");

        // The grid that was open picks the new camera up without a restart or reload.
        await browser.Page.ClickAsync("a[href='']");
        await Eventually.True(async () => (await browser.TileFramesAsync()).GetValueOrDefault("shed") > 2, "the new camera's tile draws frames", 20);
        await browser.ScreenshotAsync("grid-with-added-camera");

        await browser.OpenAsync("/cameras");
        await browser.Page.ClickAsync("[data-testid=edit-camera]");
        await FillAsync(browser, "camera-source", upstream.Url("/snapshot.jpg"));
        await browser.Page.ClickAsync("[data-testid=save-camera]");
        await Eventually.True(() => app.Get<CameraCatalog>().Find("shed")!.Format == "JPEG snapshots over HTTP", "the edited source is in use", 20);
        await browser.ScreenshotAsync("camera-setup-list");

        await browser.Page.ClickAsync("[data-testid=remove-camera]");
        await browser.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Eventually.True(() => app.Get<CameraCatalog>().Find("shed") is null, "the camera is removed");
        await browser.Page.ClickAsync("a[href='']");
        await browser.Page.WaitForSelectorAsync("img[data-tile=fixed]");
        Assert.Equal(0, await browser.Page.Locator("img[data-tile=shed]").CountAsync());
    }

    [Fact]
    public async Task ABadUrl_ShowsTheErrorText_AndNothingIsSaved()
    {
        await using var app = new TestApp(TestApp.Pattern("fixed"));
        await using var browser = await OpenEditorAsync(app);
        await FillAsync(browser, "camera-id", "nowhere");
        await FillAsync(browser, "camera-source", $"rtsp://127.0.0.1:{ExternalCamera.FreePort()}/stream");
        await browser.Page.ClickAsync("[data-testid=test-camera]");
        var error = await browser.Page.WaitForSelectorAsync("[data-testid=probe-error]");
        Assert.Contains("refused the connection", await error!.InnerTextAsync());
        await browser.ScreenshotAsync("camera-setup-error");
        Assert.Equal(0, await browser.Page.Locator("[data-testid=save-error]").CountAsync());

        // Enter in a field saves, as the Save button does.
        await FillAsync(browser, "camera-source", "ftp://camera.local/x");
        await browser.Page.Locator("input[data-testid=camera-source], [data-testid=camera-source] input").First.PressAsync("Enter");
        await browser.Page.WaitForSelectorAsync("text=uses a scheme this server cannot open");
        Assert.Null(app.Get<CameraCatalog>().Find("nowhere"));
    }

    [Fact]
    public async Task SavingAfterAFailedTest_AsksFirst_AndSaysTheCameraIsRetried()
    {
        await using var app = new TestApp(TestApp.Pattern("fixed"));
        await using var browser = await OpenEditorAsync(app);
        await FillAsync(browser, "camera-id", "later");
        await FillAsync(browser, "camera-source", $"rtsp://127.0.0.1:{ExternalCamera.FreePort()}/stream");
        await browser.Page.ClickAsync("[data-testid=test-camera]");
        await browser.Page.WaitForSelectorAsync("[data-testid=probe-error]");

        // Save: the admin is asked, with what failed; Cancel keeps the form and adds nothing.
        await browser.Page.ClickAsync("[data-testid=save-camera]");
        var dialog = browser.Page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("refused the connection");
        await Assertions.Expect(dialog).ToContainTextAsync("keeps retrying");
        await browser.ScreenshotAsync("camera-setup-save-after-failed-test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        Assert.Null(app.Get<CameraCatalog>().Find("later"));

        // Save anyway: added, and the message is a warning that says it is being retried, not a green "added".
        await browser.Page.ClickAsync("[data-testid=save-camera]");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save anyway" }).ClickAsync();
        var message = browser.Page.Locator(".mud-snackbar", new() { HasText = "later" });
        await Assertions.Expect(message).ToContainTextAsync("keeps retrying");
        Assert.Contains("warning", await message.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.NotNull(app.Get<CameraCatalog>().Find("later"));

        // A source changed after the failed test is a new attempt: saved without asking.
        await browser.Page.ClickAsync("[data-testid=add-camera]");
        await FillAsync(browser, "camera-id", "other");
        await FillAsync(browser, "camera-source", $"rtsp://127.0.0.1:{ExternalCamera.FreePort()}/stream");
        await browser.Page.ClickAsync("[data-testid=test-camera]");
        await browser.Page.WaitForSelectorAsync("[data-testid=probe-error]");
        await FillAsync(browser, "camera-source", "testpattern");
        await browser.Page.ClickAsync("[data-testid=save-camera]");
        await Eventually.True(() => app.Get<CameraCatalog>().Find("other") is not null, "a camera whose source changed since the failed test is saved at once");
        Assert.Equal(0, await dialog.CountAsync());
    }

    [Fact]
    public async Task TheCameraList_BreaksLongSourcesBetweenTheirParts_AndSaysWhyConfiguredCamerasHaveNoButtons()
    {
        var configured = new CamDashboard.Streaming.Definitions.CameraOptions
        {
            Id = "hikvision",
            Source = "rtsp://127.0.0.1:1/Streaming/Channels/101?transportmode=unicast&profile=Profile_1&videocodec=h264&resolution=1920x1080",
        };
        await using var app = new TestApp(TestApp.Pattern("fixed"), configured);
        await using var browser = await BrowserSession.OpenAsync(app, width: 1000);
        await browser.SignInAsync();
        await browser.OpenAsync("/cameras");
        await browser.ScreenshotAsync("camera-setup-long-source");

        // Every line of the wrapped URL ends at one of its separators, never inside a word.
        var breaks = await browser.Page.Locator("tr", new() { HasText = "hikvision" }).Locator("code").EvaluateAsync<string[]>("""
            code => {
              const range = document.createRange();
              const lineEnds = [];
              let top = null;
              const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
              let previous = '';
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.length; i++) {
                  range.setStart(node, i); range.setEnd(node, i + 1);
                  const rect = range.getClientRects()[0];
                  if (!rect) continue;
                  if (top !== null && rect.top > top + 2) lineEnds.push(previous + '|' + node.data[i]);
                  top = rect.top; previous = node.data[i];
                }
              }
              return lineEnds;
            }
            """);
        Assert.NotEmpty(breaks);
        Assert.All(breaks, pair => Assert.Contains(pair[0], "/?&=:"));

        var row = browser.Page.Locator("tr", new() { HasText = "hikvision" });
        await Assertions.Expect(row).ToContainTextAsync("Set in appsettings.json");
        await Assertions.Expect(row.Locator("[data-testid=edit-camera]")).ToHaveCountAsync(0);
    }
}
