using System.Net;
using System.Net.Http.Json;
using CamDashboard.Streaming.Settings;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Streaming;

public sealed class CameraSettingsTests
{
    [Fact]
    public async Task LoweringQuality_GivesSmallerFramesOnAnOpenStream_AndIsSaved()
    {
        await using var app = new TestApp(TestApp.Pattern(quality: 95));
        await using var stream = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        var before = (await stream.Reader.ReadPartsAsync(5)).Average(p => p.Jpeg.Length);

        using var admin = app.Client();
        using (var response = await admin.PatchAsJsonAsync("/api/cameras/cam", new { quality = 10 }))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Frames captured once the change was answered (those before may still be on their way).
        var changedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        MjpegReader.Part? part;
        do
        {
            part = await stream.Reader.ReadPartAsync();
        }
        while (part!.Timestamp < changedAt);

        var after = (await stream.Reader.ReadPartsAsync(5)).Average(p => p.Jpeg.Length);
        Assert.True(after < before * 0.6, $"frames at quality 10 average {after:0} bytes, at 95 {before:0}");

        var saved = await app.Get<ICameraSettingsStore>().LoadAsync(default);
        Assert.Equal(new CameraSettings(10, 15), saved["cam"]);
    }

    [Theory]
    [InlineData("""{"quality":0}""")]
    [InlineData("""{"quality":101}""")]
    [InlineData("""{"maxFps":0}""")]
    [InlineData("""{"maxFps":61}""")]
    [InlineData("""{"quality":"high"}""")]
    [InlineData("""not json""")]
    public async Task InvalidSettings_Get400_AndChangeNothing(string body)
    {
        await using var app = new TestApp(TestApp.Pattern(quality: 80));
        using var admin = app.Client();
        using var response = await admin.PatchAsync("/api/cameras/cam", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var cameras = await admin.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/cameras");
        Assert.Equal("80", cameras![0]["quality"].ToString());
    }

    [Fact]
    public async Task CameraList_ShowsStateSizeAndSettings()
    {
        await using var app = new TestApp(TestApp.Pattern(fps: 15, quality: 70));
        using var client = app.Client();
        // Nobody watches: after its first frame (which tells its size) the camera stands by.
        await Eventually.True(() => app.Get<CamDashboard.Streaming.Cameras.CameraCatalog>().All[0].State == CamDashboard.Streaming.Cameras.CameraState.Standby, "first frame captured, then standby");
        var camera = (await client.GetFromJsonAsync<List<CameraRow>>("/api/cameras"))!.Single();
        Assert.Equal(("cam", "TestPattern", "Standby", 320, 180, 70, 15), (camera.Id, camera.SourceKind, camera.State, camera.Width, camera.Height, camera.Quality, camera.MaxFps));
    }

    private sealed record CameraRow(string Id, string SourceKind, string State, int Width, int Height, int Quality, int MaxFps);
}
