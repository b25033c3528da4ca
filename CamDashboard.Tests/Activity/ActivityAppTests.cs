using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Streaming.Activity;
using CamDashboard.Streaming.Events;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Activity;

/// <summary>Activity in the real app on 127.0.0.1: switched on over the API, the moving test
/// pattern's activity reaches /api/cameras and /hubs/events, and its period the history once
/// switched off. Bad values get problem details naming the field.</summary>
public sealed class ActivityAppTests
{
    [Fact]
    public async Task AMovingTestPattern_WithActivityOn_IsActive_OnTheApiAndTheHub_AndItsPeriodIsKept()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 10, width: 640, height: 360));
        await using var events = await EventsClient.ConnectAsync(app.Address);
        using var admin = app.Client();

        using (var patch = await admin.PatchAsJsonAsync("/api/cameras/cam", new { activity = new { sensitivity = 50 } }))
        {
            patch.EnsureSuccessStatusCode();
            var body = await patch.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(50, body.GetProperty("activity").GetProperty("sensitivity").GetInt32());
        }

        var settings = await events.NextAsync(CameraSettingsChanged.TypeName);
        Assert.Equal(50, settings.GetProperty("activity").GetProperty("sensitivity").GetInt32());

        // The pattern's circle and scenery move every frame: activity starts within a second or two.
        var started = await events.NextAsync(CameraActivityChanged.TypeName, e => e.GetProperty("active").GetBoolean(), timeoutSeconds: 10);
        Assert.Equal("cam", started.GetProperty("cameraId").GetString());
        Assert.True(started.GetProperty("level").GetDouble() > 0.3);
        using (var cameras = await admin.GetAsync("/api/cameras"))
        {
            var activity = (await cameras.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("activity");
            Assert.True(activity.GetProperty("active").GetBoolean());
        }

        using (var off = await admin.PatchAsJsonAsync("/api/cameras/cam", new { activity = new { enabled = false } }))
        {
            off.EnsureSuccessStatusCode();
            Assert.Equal(JsonValueKind.Null, (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activity").ValueKind);
        }

        var ended = await events.NextAsync(CameraActivityChanged.TypeName, e => !e.GetProperty("active").GetBoolean());
        var period = Assert.Single(await app.Get<IActivityHistory>().ListAsync("cam", DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None));
        // Kept to the millisecond.
        Assert.Equal(ended.GetProperty("since").GetDateTimeOffset().ToUnixTimeMilliseconds(), period.Started.ToUnixTimeMilliseconds());
        Assert.Empty(app.Errors.Entries);
    }

    [Theory]
    [InlineData("""{"activity": {"sensitivity": 0}}""", "activity.sensitivity", "activity.sensitivity must be from 1 to 100.")]
    [InlineData("""{"activity": {"mask": "0101"}}""", "activity.mask", "activity.mask must be 144 characters of 0 (watched) and 1 (ignored)")]
    public async Task ABadActivitySetting_IsRefused_NamingTheField(string body, string field, string message)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var admin = app.Client();
        using var patch = await admin.PatchAsync("/api/cameras/cam", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        var problem = await patch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Null(app.Get<CamDashboard.Streaming.Cameras.CameraCatalog>().Find("cam")!.Settings.Activity);
    }
}
