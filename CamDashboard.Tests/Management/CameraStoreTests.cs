using System.Net;
using System.Net.Http.Json;
using CamDashboard.Data;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CamDashboard.Tests.Management;

/// <summary>Cameras added from the dashboard are stored whole, in a real SQLite file.</summary>
public sealed class CameraStoreTests
{
    [Fact]
    public async Task ACameraAddedFromTheDashboard_KeepsEveryField_AcrossARestart()
    {
        var database = TestApp.NewDatabasePath();
        try
        {
            await using (var app = new TestApp(database))
            {
                using var created = await app.Client().PostAsJsonAsync("/api/cameras", new
                {
                    id = "pattern", name = "Textured", source = "testpattern", texture = true, width = 640, height = 360, maxFps = 12, quality = 55,
                    substream = "rtsp://127.0.0.1:1/sub", alwaysOn = true, transport = "udp",
                });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            await using var restarted = new TestApp(database);
            _ = restarted.Address;
            var camera = restarted.Get<CameraCatalog>().Find("pattern")!.Definition;
            Assert.Equal(
                ("Textured", "testpattern", true, 640, 360, 12, 55, "rtsp://127.0.0.1:1/sub", true, "udp"),
                (camera.Name, camera.Source, camera.Texture, camera.Width, camera.Height, camera.MaxFps, camera.Quality, camera.Substream, camera.AlwaysOn, camera.Transport));
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task ADatabaseFromBeforeDefinitionsWereKeptWhole_IsMigrated_WithItsCameras()
    {
        var database = TestApp.NewDatabasePath();
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={database};Pooling=False").Options;
            await using (var db = new AppDbContext(options))
            {
                // The schema as the release before kept cameras: a column per field.
                await db.GetService<IMigrator>().MigrateAsync("20261128100254_BanDetails");
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO Cameras (Id, Name, Source, Username, ProtectedPassword, Transport, Quality, MaxFps, Width, Height, Enabled, UpdatedAt)
                    VALUES ('old', 'Old camera', 'testpattern', 'someone', NULL, 'udp', 45, 7, 320, 180, 0, '2026-11-30 10:00:00+00:00')
                    """);
            }

            await using var app = new TestApp(database);
            _ = app.Address;
            var camera = app.Get<CameraCatalog>().Find("old")!;
            var definition = camera.Definition;
            Assert.Equal(
                ("Old camera", "testpattern", "someone", "udp", 45, 7, 320, 180, false),
                (definition.Name, definition.Source, definition.Username, definition.Transport, definition.Quality, definition.MaxFps, definition.Width, definition.Height, definition.Enabled));
            Assert.Equal(CameraState.Disabled, camera.State);
        }
        finally
        {
            File.Delete(database);
        }
    }
}
