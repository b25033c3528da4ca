using CamDashboard.Account;
using CamDashboard.Api;
using CamDashboard.Components;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = CamDashboard.Hosting.WebRoot.Locate(),
});

builder.WebHost.ConfigureStreamingServer();
builder.WebHost.UseDefaultAddress(builder.Configuration);
builder.WebHost.UseBuildOutputAssets();
builder.Services.AddProblemDetails();
builder.Services.AddCamDashboardData(builder.Configuration, builder.Environment);
builder.Services.AddCamDashboardAuthentication();
builder.Services.AddCameraStreaming(builder.Configuration);
builder.Services.AddCamDashboardMetrics();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMudServices();

var app = builder.Build();

app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseWebSockets();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCameraStreams();
app.MapServerStats();
app.MapMetrics();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
