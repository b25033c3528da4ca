using System.Net;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Hosting;

/// <summary>The app as people run it, not as the tests host it.</summary>
public sealed class DeploymentTests
{
    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/css/app.css")]
    public async Task TheBuildOutput_InProduction_ServesTheDashboardsAssets(string asset)
    {
        await using var app = new AppProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });
        await app.WaitUntilServingAsync();
        using var client = new HttpClient { BaseAddress = app.Address };
        using var response = await client.GetAsync(asset);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
