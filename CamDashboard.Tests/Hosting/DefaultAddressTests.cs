using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CamDashboard.Tests.Hosting;

public sealed class DefaultAddressTests
{
    [Fact]
    public void WithNothingConfigured_TheAppListensOnBothLoopbacks()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration["urls"] = null;
        builder.WebHost.UseDefaultAddress(builder.Configuration);
        // "localhost" is what makes Kestrel bind [::1] as well as 127.0.0.1.
        Assert.Equal("http://localhost:5080", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void AnAddressGivenOnTheCommandLine_IsKept()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://0.0.0.0:8080"] });
        builder.WebHost.UseDefaultAddress(builder.Configuration);
        Assert.Equal("http://0.0.0.0:8080", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }
}
