using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace CamDashboard.Tests.Hosting;

/// <summary>The database on a disk that fills up while a viewer watches (issue 15, faults), and a
/// SIGKILL in the middle of changes: nothing half-applied, nothing lost.</summary>
public sealed class FullDiskTests
{
    [Fact]
    public async Task WithTheDiskFull_ChangesAreRefusedAndChangeNothing_StreamsGoOn_HealthSaysSo_AndItRecoversByItself()
    {
        using var disk = new SmallDisk();
        var database = Path.Combine(disk.Path, "camdashboard.db");
        await using var app = new TestApp(database);
        using var client = app.Client();
        using var anonymous = app.Client(user: null);
        await using var viewer = await StreamClient.OpenAsync(app.Client(), "/stream/test1");
        await viewer.Reader.ReadPartAsync();
        var cameras = app.Get<CameraCatalog>();
        var quality = cameras.Find("test1")!.Settings.Quality;

        // Every change the app made so far is in the database file: any new one needs new space.
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        disk.Fill();

        using (var patch = await client.PatchAsJsonAsync("/api/cameras/test1", new { quality = 33 }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, patch.StatusCode);
            var body = await patch.Content.ReadAsStringAsync();
            Assert.True(body.Contains("disk full", StringComparison.Ordinal), body);
        }

        using (var add = await client.PostAsJsonAsync("/api/cameras", new { id = "door", source = "testpattern" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, add.StatusCode);
            Assert.Equal("application/problem+json", add.Content.Headers.ContentType?.MediaType);
        }

        // Nothing of either change runs: the setting, the test patterns, the viewer's stream.
        Assert.Equal(quality, cameras.Find("test1")!.Settings.Quality);
        Assert.Equal(["test1", "test2"], cameras.All.Select(c => c.Id));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            Assert.NotNull(await viewer.Reader.ReadPartAsync(timeout.Token));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/snapshot/test2")).StatusCode);
        using (var tiles = await TileSocket.OpenAsync(app, "cameras=test1,test2"))
        {
            await tiles.ReceiveAsync();
        }

        // Health says so: degraded for the signed-in, not ready for a load balancer, still alive.
        using (var response = await client.GetAsync("/healthz"))
        using (var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var check = health.RootElement.GetProperty("checks").GetProperty("database");
            Assert.Equal("Degraded", check.GetProperty("status").GetString());
            Assert.Contains("disk full", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        // Said once, in one line: not a stack trace per request.
        Assert.Single(app.Errors.Entries, e => e.Contains("disk full", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Errors.Entries, e => e.Contains("   at ", StringComparison.Ordinal));

        disk.Free();
        await Eventually.True(async () => (await anonymous.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready again once there is space", 20);
        using (var again = await client.PatchAsJsonAsync("/api/cameras/test1", new { quality = 33 }))
        {
            Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        }

        Assert.Equal(33, cameras.Find("test1")!.Settings.Quality);
    }

    [Fact]
    public async Task ASigkillAmidChanges_KeepsTheLastAcknowledgedOne_AndADatabaseThatChecksOut()
    {
        var database = TestApp.NewDatabasePath();
        try
        {
            var settings = new Dictionary<string, string> { ["Cameras__0__Id"] = "cam", ["Cameras__0__Source"] = "testpattern" };
            var acknowledged = 0;
            await using (var app = new AppProcess(settings, database: database))
            {
                await app.WaitUntilServingAsync();
                using var client = new HttpClient { BaseAddress = app.Address };
                client.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", TestApp.AdminPassword);
                var changes = Task.Run(async () =>
                {
                    for (var quality = 41; quality <= 80; quality++)
                    {
                        try
                        {
                            using var response = await client.PatchAsJsonAsync("/api/cameras/cam", new { quality });
                            if (response.IsSuccessStatusCode)
                            {
                                acknowledged = quality;
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return;
                        }
                    }
                });

                await Eventually.True(() => acknowledged >= 55, "a good part of the changes went through", 30);
                app.Process.Kill(); // SIGKILL, in the middle of them
                await app.Process.WaitForExitAsync();
                await changes;
            }

            await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                Assert.Equal("ok", await check.ExecuteScalarAsync());
            }

            await using var restarted = new AppProcess(settings, database: database);
            await restarted.WaitUntilServingAsync();
            using var after = new HttpClient { BaseAddress = restarted.Address };
            after.DefaultRequestHeaders.Authorization = TestApp.Basic("admin", TestApp.AdminPassword);
            var camera = JsonDocument.Parse(await after.GetStringAsync("/api/cameras")).RootElement[0];
            // The last change acknowledged, or the one in flight when the process died: never an older one.
            Assert.InRange(camera.GetProperty("quality").GetInt32(), acknowledged, acknowledged + 1);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
