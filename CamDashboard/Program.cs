using CamDashboard.Api;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = CamDashboard.Hosting.WebRoot.Locate(),
});

builder.WebHost.ConfigureStreamingServer();
builder.Services.AddProblemDetails();
builder.Services.AddCamDashboardData(builder.Configuration, builder.Environment);
builder.Services.AddCamDashboardAuthentication();
builder.Services.AddCameraStreaming(builder.Configuration);

var app = builder.Build();

app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapCameraStreams();
app.MapServerStats();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
