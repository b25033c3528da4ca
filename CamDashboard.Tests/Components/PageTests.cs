using Bunit;
using CamDashboard.Components.Pages.Account;
using CamDashboard.Components.Pages.Cameras;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CamDashboard.Tests.Components;

public sealed class PageTests : DashboardTestContext
{
    [Theory]
    [InlineData("invalid", "Wrong user name or password.")]
    [InlineData("locked", "This account is locked; ask an administrator.")]
    [InlineData("throttled", "Too many failed attempts from this address: wait a few minutes, then try again.")]
    [InlineData("missing", "Enter a user name and a password.")]
    public void Login_ExplainsWhatWentWrong(string error, string message)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/account/login?error={error}&returnUrl=%2Fviewers");
        var cut = Render<Login>();
        Assert.Equal(message, cut.Find("[data-testid=login-error]").TextContent.Trim());
        Assert.Equal("/viewers", cut.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.NotNull(cut.Find("input#password[type=password][required]"));
    }

    [Fact]
    public void Login_WithoutAnError_ShowsJustTheForm()
    {
        var cut = Render<Login>();
        Assert.Empty(cut.FindAll("[data-testid=login-error]"));
        Assert.NotNull(cut.Find("form[method=post][action='account/login']"));
    }

    [Fact]
    public void CameraGrid_ShowsATilePerCamera_AndStartsTheTileSocket()
    {
        var cut = Render<CameraGrid>();
        Assert.Single(cut.FindAll("[data-testid=camera-tile]"));
        Assert.NotNull(cut.Find("img[data-tile=cam]"));
        JSInterop.VerifyInvoke("camdashboard.tiles.start");
    }
}
