using Bunit;
using CamDashboard.Components.Layout;
using CamDashboard.Components.Pages.Cameras;
using Microsoft.JSInterop;

namespace CamDashboard.Tests.Components;

/// <summary>A page whose browser has gone (a tab closed while the page still drew): its calls
/// into the browser after render and on dispose fail with the circuit's end, and that is no
/// error of the app's ("Unhandled exception in circuit" in the log before).</summary>
public sealed class ClosingPageTests : DashboardTestContext
{
    private static readonly JSDisconnectedException Gone = new("The circuit went away.");

    [Fact]
    public void TheGrid_DrawnForABrowserThatHasGone_RaisesNothing()
    {
        JSInterop.Setup<string?>("camdashboard.prefs.load", _ => true).SetException(Gone);
        JSInterop.SetupVoid("camdashboard.tiles.start", _ => true).SetException(Gone);
        var cut = Render<CameraGrid>();
        cut.Render();
        AssertNothingUnhandled();
    }

    [Fact]
    public void TheLayout_DrawnForABrowserThatHasGone_RaisesNothing()
    {
        JSInterop.Setup<string?>("camdashboard.prefs.load", _ => true).SetException(Gone);
        JSInterop.SetupVoid("camdashboard.prefs.shownTheme", _ => true).SetException(Gone);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MainLayout>(p => p.Add(l => l.Body, builder => builder.AddContent(0, "page")));
        AssertNothingUnhandled();
    }

    private void AssertNothingUnhandled()
    {
        var unhandled = Renderer.UnhandledException;
        Assert.False(unhandled.IsCompleted, unhandled.IsCompleted ? unhandled.Result.ToString() : "");
    }
}
