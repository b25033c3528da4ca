using System.Net;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Streaming;

public sealed class RestartTests
{
    [Fact]
    public async Task SettingsAndBans_SurviveARestart()
    {
        var database = TestApp.NewDatabasePath();
        try
        {
            await using (var first = new TestApp(database, TestApp.Pattern()))
            {
                using var admin = first.Client();
                (await admin.PatchAsync("/api/cameras/cam", new StringContent("""{"quality":33,"maxFps":12}""", System.Text.Encoding.UTF8, "application/json"))).Dispose();
                await first.Get<CamDashboard.Auth.UserAdministration>().CreateAsync("bob", "Bob-Password-123", CamDashboard.Auth.Roles.Viewer, "admin");
                using var watcher = first.Client("bob", "Bob-Password-123");
                await using var stream = await StreamClient.OpenAsync(watcher, "/stream/cam");
                await stream.Reader.ReadPartAsync();
                var id = first.Get<IViewerRegistry>().Viewers.Single().Id;
                using var kicked = await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=60");
                Assert.Equal(HttpStatusCode.NoContent, kicked.StatusCode);
            }

            await using var second = new TestApp(database, TestApp.Pattern());
            using var client = second.Client("bob", "Bob-Password-123");
            using var refused = await client.GetAsync("/snapshot/cam");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var settings = second.Get<CameraCatalog>().Find("cam")!.Settings;
            Assert.Equal((33, 12), (settings.Quality, settings.MaxFps));
        }
        finally
        {
            File.Delete(database);
        }
    }
}
