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

    [Fact]
    public async Task ABansAuthorAndStart_SurviveARestart_AndLiftingItIsForGood()
    {
        var database = TestApp.NewDatabasePath();
        try
        {
            await using (var first = new TestApp(database, TestApp.Pattern()))
            {
                await first.Get<CamDashboard.Auth.UserAdministration>().CreateAsync("bob", "Bob-Password-123", CamDashboard.Auth.Roles.Viewer, "admin");
                await using var stream = await StreamClient.OpenAsync(first.Client("bob", "Bob-Password-123"), "/stream/cam");
                await stream.Reader.ReadPartAsync();
                var id = first.Get<IViewerRegistry>().Viewers.Single().Id;
                using var admin = first.Client();
                Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/viewers/{id}?banMinutes=60")).StatusCode);
            }

            await using (var second = new TestApp(database, TestApp.Pattern()))
            {
                _ = second.Address;
                var ban = Assert.Single(second.Get<IViewerBans>().Active);
                Assert.Equal(("bob", "admin"), (ban.Who, ban.By));
                Assert.InRange(ban.Until - ban.Since, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
                Assert.True(await second.Get<ViewerModeration>().LiftBanAsync(ban.Target, "admin", CancellationToken.None));
                using var bob = second.Client("bob", "Bob-Password-123");
                Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/snapshot/cam")).StatusCode);
            }

            await using var third = new TestApp(database, TestApp.Pattern());
            _ = third.Address;
            Assert.Empty(third.Get<IViewerBans>().Active);
        }
        finally
        {
            File.Delete(database);
        }
    }
}
