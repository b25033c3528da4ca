using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Management;

/// <summary>The audit log's "What" column and filter, as an admin reads them after a day's work.</summary>
public sealed partial class AuditNamesTests
{
    [Fact]
    public async Task EveryActionAnAdminTakes_IsRecordedInOneStyle_WhatThenWhatHappened()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var admin = app.Client();
        var users = app.Get<UserAdministration>();
        Assert.Empty(await users.CreateAsync("bob", "Bob-Password-123", Roles.Viewer, "admin"));
        var bob = (await users.ListAsync()).Single(u => u.Name == "bob").Id;
        Assert.Empty(await users.ResetPasswordAsync(bob, "Bob-Password-456", "admin"));
        Assert.Empty(await users.SetRoleAsync(bob, Roles.Admin, "admin"));
        Assert.Empty(await users.SetRoleAsync(bob, Roles.Viewer, "admin"));

        using var signedIn = await FormSignIn.SignedInAsync(app, "bob", "Bob-Password-456");
        (await FormSignIn.SignOutAsync(signedIn)).Dispose();
        using var wrong = FormSignIn.CookieClient(app);
        (await FormSignIn.PostAsync(wrong, "bob", "not-the-password")).Dispose();

        await using (var stream = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-456"), "/stream/cam"))
        {
            await stream.Reader.ReadPartAsync();
            var viewer = app.Get<IViewerRegistry>().Viewers.Single(v => !v.IsEnded).Id;
            (await admin.DeleteAsync($"/api/viewers/{viewer}")).EnsureSuccessStatusCode();
        }

        await using (var stream = await StreamClient.OpenAsync(app.Client("bob", "Bob-Password-456"), "/stream/cam"))
        {
            await stream.Reader.ReadPartAsync();
            var viewer = app.Get<IViewerRegistry>().Viewers.Single(v => !v.IsEnded).Id;
            (await admin.DeleteAsync($"/api/viewers/{viewer}?banMinutes=5")).EnsureSuccessStatusCode();
        }

        Assert.True(await app.Get<ViewerModeration>().LiftBanAsync("user:bob", "admin", CancellationToken.None));
        (await admin.PatchAsJsonAsync("/api/cameras/cam", new { quality = 40 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/cameras", new { id = "door", source = "testpattern" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/cameras/door", new { id = "door", name = "Front door", source = "testpattern" })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync("/api/cameras/door")).EnsureSuccessStatusCode();
        var token = app.Get<StreamTokens>();
        var (created, _) = await token.CreateTokenAsync("wall", null, null, "admin");
        await token.RevokeAsync(created.Id, "admin");
        Assert.Empty(await users.RemoveAsync(bob, "admin"));

        var actions = await app.Get<EfAuditTrail>().ActionsAsync(CancellationToken.None);
        Assert.True(actions.Count >= 16, string.Join(", ", actions));
        Assert.All(actions, action => Assert.Matches(WhatThenWhatHappened(), action));
    }

    /// <summary>Lower case; what was acted on, then what happened to it: "camera added", "sign-in failed".</summary>
    [GeneratedRegex("^[a-z-]+( [a-z]+)+$")]
    private static partial Regex WhatThenWhatHappened();
}
