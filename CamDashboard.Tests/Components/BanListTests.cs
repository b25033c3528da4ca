using Bunit;
using CamDashboard.Components.Pages.Bans;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CamDashboard.Tests.Components;

public sealed class BanListTests : DashboardTestContext
{
    [Fact]
    public async Task ABan_IsListedWithWhoSetItAndUntilWhen_AndUnbanLiftsIt()
    {
        var viewer = Registry.Register(new ViewerDescription("cam", ViewerKind.Mjpeg, "mallory", "10.0.0.9", "curl"));
        await Services.GetRequiredService<ViewerModeration>().KickAsync(viewer.Id, banMinutes: 10, by: "admin", CancellationToken.None);
        var bans = Services.GetRequiredService<IViewerBans>();
        var cut = RenderWith<MudDialogProvider, BanList>();

        var row = cut.Find("[data-testid=ban-table] tbody tr").TextContent;
        Assert.Contains("mallory", row);
        Assert.Contains("admin", row);
        Assert.Contains("10 min left", row);

        cut.Find("[data-testid=unban]").Click();
        cut.WaitForElement(".mud-dialog").QuerySelectorAll("button").First(b => b.TextContent.Contains("Unban")).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=no-bans]"), TimeSpan.FromSeconds(10));
        Assert.False(bans.IsBanned("mallory", "10.0.0.9"));
    }
}
