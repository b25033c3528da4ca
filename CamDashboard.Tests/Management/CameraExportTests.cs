using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Management;

/// <summary>Cameras moved from one box to another as JSON: exported without passwords, imported one by one.</summary>
public sealed class CameraExportTests
{
    [Fact]
    public async Task AnExport_HoldsEveryCameraButNoSecret_AndImportsIntoAnotherBox()
    {
        await using var from = new TestApp();
        using var admin = from.Client();
        foreach (var camera in new object[]
        {
            new { id = "door", name = "Front door", source = "rtsp://cam:Door-Secret-1@127.0.0.1:1/live", substream = "rtsp://127.0.0.1:1/sub", quality = 55, maxFps = 12, alwaysOn = true },
            new { id = "shed", name = "Shed", source = "http://127.0.0.1:1/snapshot.jpg?user=cam&password=Shed-Secret-2" },
        })
        {
            using var added = await admin.PostAsJsonAsync("/api/cameras", camera);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var export = await admin.GetStringAsync("/api/cameras/export");
        Assert.DoesNotContain("Door-Secret-1", export, StringComparison.Ordinal);
        Assert.DoesNotContain("Shed-Secret-2", export, StringComparison.Ordinal);

        await using var to = new TestApp();
        using var other = to.Client();
        using (var imported = await other.PostAsync("/api/cameras/import", new StringContent(export, System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            using var results = await imported.Content.ReadFromJsonAsync<JsonDocument>();
            Assert.Equal(["added", "added"], results!.RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        }

        var door = to.Get<CameraCatalog>().Find("door")!.Definition;
        Assert.Equal(
            ("Front door", "rtsp://127.0.0.1:1/live", "cam", null, "rtsp://127.0.0.1:1/sub", 55, 12, true),
            (door.Name, door.Source, door.Username, door.Password, door.Substream, door.Quality, door.MaxFps, door.AlwaysOn));
        Assert.Contains("***", to.Get<CameraCatalog>().Find("shed")!.Definition.Source, StringComparison.Ordinal);

        // Again: each camera says why it was not added; the box is as it was.
        using var again = await other.PostAsync("/api/cameras/import", new StringContent(export, System.Text.Encoding.UTF8, "application/json"));
        using var twice = await again.Content.ReadFromJsonAsync<JsonDocument>();
        Assert.All(twice!.RootElement.EnumerateArray(), r => Assert.Equal("not added", r.GetProperty("status").GetString()));
        Assert.Equal(2, (await to.Get<ICameraStore>().LoadAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task AnImport_AddsTheGoodCameras_AndNamesWhatIsWrongWithTheOthers()
    {
        await using var app = new TestApp();
        using var answer = await app.Client().PostAsJsonAsync("/api/cameras/import", new object[]
        {
            new { id = "good", source = "testpattern" },
            new { id = "bad", source = "testpattern", quality = 500 },
        });
        using var results = await answer.Content.ReadFromJsonAsync<JsonDocument>();
        var (good, bad) = (results!.RootElement[0], results.RootElement[1]);
        Assert.Equal("added", good.GetProperty("status").GetString());
        Assert.Equal("invalid", bad.GetProperty("status").GetString());
        Assert.True(bad.GetProperty("errors").TryGetProperty("quality", out _));
        Assert.NotNull(app.Get<CameraCatalog>().Find("good"));
        Assert.Null(app.Get<CameraCatalog>().Find("bad"));
    }

    [Fact]
    public async Task AnEmptyImport_IsABadRequest()
    {
        await using var app = new TestApp();
        using var answer = await app.Client().PostAsJsonAsync("/api/cameras/import", Array.Empty<object>());
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }
}
