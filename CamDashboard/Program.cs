using CamDashboard.Account;
using CamDashboard.Api;
using CamDashboard.Components;

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
builder.Services.AddCamDashboardCluster(builder.Configuration);
builder.Services.AddCamDashboardMqtt(builder.Configuration);
builder.Services.AddCamDashboardMetrics();
builder.Services.AddCamDashboardPages();

var app = builder.Build();

app.UseShutdownGate();
// A request the database could not take (a full disk) ends as a 503 that says so.
app.UseExceptionHandler();
app.UseTrustedProxies();
app.UseConfiguredPathBase();
app.UseRelativeRedirects();
app.UseSecurityHeaders();
// Programs' paths get problem details; people's pages the app's own error page (inner, so it
// answers first and the outer one leaves its page alone).
app.UseStatusCodePages();
app.UseWhen(
    context => CamDashboardAuthenticationExtensions.HasErrorPages(context.Request.Path),
    pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
// Routing after the status-code pages, so that a re-executed request finds the error page.
app.UseRouting();
app.UseStaticFiles();
app.UseWebSockets();
app.UseAuthentication();
app.UseConnectionSlots();
app.UseAnonymousCircuitRefusal();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCameraStreams();
app.MapServerStats();
app.MapTokenApi();
app.MapMetrics();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
