using System.Net;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Hosting;

/// <summary><c>/healthz</c> as a container probe and as an operator see it.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Anonymous_GetsLivenessOnly_WithoutCameraNames_EvenWhileACameraIsDown()
    {
        await using var app = new TestApp(TestApp.Pattern("front-door"), new CameraOptions { Id = "back-yard", Source = "/nonexistent/video.mp4" });
        await Eventually.True(() => app.Get<CameraCatalog>().Find("back-yard")!.State != CameraState.Starting, "the broken camera failed");
        using var anonymous = app.Client(user: null);

        using var response = await anonymous.GetAsync("/healthz");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body);
        Assert.DoesNotContain("door", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("yard", body, StringComparison.OrdinalIgnoreCase);
        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task SignedIn_GetsEachCheckAndCamera_And503WhileACameraIsDown()
    {
        await using var app = new TestApp(TestApp.Pattern("front-door"), new CameraOptions { Id = "back-yard", Source = "/nonexistent/video.mp4" });
        // Nobody watches: the working camera is up in standby, which is healthy.
        await Eventually.True(() => app.Get<CameraCatalog>().Find("front-door")!.State == CameraState.Standby, "the pattern camera is up");
        await Eventually.True(() => app.Get<CameraCatalog>().Find("back-yard")!.State != CameraState.Starting, "the broken camera failed");
        using var client = app.Client();

        using var response = await client.GetAsync("/healthz");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("1 of 2 cameras up (live or in standby).", report.RootElement.GetProperty("checks").GetProperty("cameras").GetProperty("description").GetString());
        Assert.Equal("Standby", report.RootElement.GetProperty("cameras").GetProperty("front-door").GetString());
        Assert.Equal("Reconnecting", report.RootElement.GetProperty("cameras").GetProperty("back-yard").GetString());
    }

    [Fact]
    public async Task SignedIn_AllCamerasUp_Is200_AStandbyCameraIncluded()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await Eventually.True(() => app.Get<CameraCatalog>().Find("cam")!.State == CameraState.Standby, "the camera is up, nobody watching");
        using var client = app.Client();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
