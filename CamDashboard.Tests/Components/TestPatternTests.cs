using Bunit;
using CamDashboard.Components.Pages.Cameras;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CamDashboard.Tests.Components;

/// <summary>The built-in test patterns, shown while there is no camera: said to be stand-ins, with
/// the way to add real ones, and said to go when the first camera comes.</summary>
public sealed class TestPatternTests : DashboardTestContext
{
    private readonly CameraCatalog _builtInsOnly;

    public TestPatternTests()
    {
        _builtInsOnly = new CameraCatalog(Options.Create(new CameraStreamingOptions()), Time);
        _builtInsOnly.AddBuiltInsIfEmpty();
        Services.AddSingleton(_builtInsOnly);
    }

    [Fact]
    public void TheGrid_SaysTheTestPatternsAreStandIns_AndWhereToAddCameras()
    {
        var cut = Render<CameraGrid>();
        Assert.Equal(2, cut.FindAll("[data-testid=camera-tile]").Count);
        var hint = cut.Find("[data-testid=built-in-hint]");
        Assert.Contains("built-in test patterns", hint.TextContent);
        Assert.NotNull(hint.QuerySelector("a[href=cameras]"));
    }

    [Fact]
    public async Task TheFirstCameraAdded_SaysTheTestPatternsWent_AndRemovingTheLast_BringsThemBack()
    {
        var administration = Services.GetRequiredService<CameraAdministration>();

        var added = await administration.AddAsync(new CameraOptions { Id = "porch", Source = CameraSourceSpec.TestPattern }, "admin", default);
        Assert.Equal(CameraAdministration.TestPatternsRemoved, added.Message);
        Assert.Equal(["porch"], _builtInsOnly.All.Select(c => c.Id));

        var removed = await administration.RemoveAsync("porch", "admin", default);
        Assert.Equal(CameraAdministration.TestPatternsBack, removed.Message);
        Assert.Equal(["test1", "test2"], _builtInsOnly.All.Select(c => c.Id));
    }
}
