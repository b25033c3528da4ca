using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Auth;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Cluster;

/// <summary>Three nodes on one PostgreSQL database and one Redis, all on 127.0.0.1: what an admin
/// does on one node reaches the node that holds the connection within a second.</summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private const string OlgaPassword = "Olga-Password-1";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(["a", "b", "c"], TestApp.Pattern());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AKickOnA_EndsAStreamOnC_WithinASecond()
    {
        await using var stream = await StreamClient.OpenAsync(_cluster["c"].Client(), "/stream/cam");
        await stream.Reader.ReadPartAsync();
        using var onA = _cluster["a"].Client();
        var viewer = await ListedAsync(onA, v => v.GetProperty("node").GetString() == "c");

        var kicked = Stopwatch.StartNew();
        using (var kick = await onA.DeleteAsync($"/api/viewers/{viewer.GetProperty("id").GetInt64()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, kick.StatusCode);
        }

        await EndsAsync(stream);
        Assert.True(kicked.Elapsed < TimeSpan.FromSeconds(1), $"the stream on c ended {kicked.ElapsedMilliseconds} ms after the kick on a");
    }

    [Fact]
    public async Task EveryNodesViewers_AreListedOnEachNode_WithTheirNode_AndDistinctIds()
    {
        await using var onB = await StreamClient.OpenAsync(_cluster["b"].Client(), "/stream/cam");
        await using var onC = await StreamClient.OpenAsync(_cluster["c"].Client(), "/stream/cam");
        await onB.Reader.ReadPartAsync();
        await onC.Reader.ReadPartAsync();

        using var onA = _cluster["a"].Client();
        await ListedAsync(onA, v => v.GetProperty("node").GetString() == "b");
        var all = await ListedAsync(onA, v => v.GetProperty("node").GetString() == "c");
        using var list = await onA.GetFromJsonAsync<JsonDocument>("/api/viewers");
        var ids = list!.RootElement.EnumerateArray().Select(v => v.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.NotEqual(0, all.GetProperty("id").GetInt64() >> 32);
    }

    [Fact]
    public async Task ABanOnB_EndsTheUsersStreamOnC_AndRefusesTheUserThere()
    {
        Assert.Empty(await _cluster["a"].Get<UserAdministration>().CreateAsync("olga", OlgaPassword, Roles.Viewer, by: "admin"));
        await using var onB = await StreamClient.OpenAsync(_cluster["b"].Client("olga", OlgaPassword), "/stream/cam");
        await using var onC = await StreamClient.OpenAsync(_cluster["c"].Client("olga", OlgaPassword), "/stream/cam");
        await onB.Reader.ReadPartAsync();
        await onC.Reader.ReadPartAsync();

        using var admin = _cluster["b"].Client();
        var viewer = await ListedAsync(admin, v => v.GetProperty("node").GetString() == "b" && v.GetProperty("user").GetString() == "olga");
        var banned = Stopwatch.StartNew();
        using (var ban = await admin.DeleteAsync($"/api/viewers/{viewer.GetProperty("id").GetInt64()}?banMinutes=5"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ban.StatusCode);
        }

        await EndsAsync(onB);
        await EndsAsync(onC);
        Assert.True(banned.Elapsed < TimeSpan.FromSeconds(1), $"olga's stream on c ended {banned.ElapsedMilliseconds} ms after her ban on b");
        using var again = await _cluster["c"].Client("olga", OlgaPassword).GetAsync("/snapshot/cam");
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task ASettingChangedOnB_AppliesOnEveryNode()
    {
        using var onB = _cluster["b"].Client();
        using (var patch = await onB.PatchAsJsonAsync("/api/cameras/cam", new { quality = 33, maxFps = 7 }))
        {
            patch.EnsureSuccessStatusCode();
        }

        foreach (var node in new[] { "a", "c" })
        {
            var camera = _cluster[node].Get<CameraCatalog>().Find("cam")!;
            await Eventually.True(() => camera.Settings is { Quality: 33, MaxFps: 7 }, $"node {node} has b's settings", timeoutSeconds: 1);
        }
    }

    [Fact]
    public async Task AUserRemovedOnA_LosesStreamsAndLoginsOnC()
    {
        var users = _cluster["a"].Get<UserAdministration>();
        Assert.Empty(await users.CreateAsync("olga", OlgaPassword, Roles.Viewer, by: "admin"));
        await using var onC = await StreamClient.OpenAsync(_cluster["c"].Client("olga", OlgaPassword), "/stream/cam");
        await onC.Reader.ReadPartAsync();

        var olga = (await users.ListAsync()).Single(u => u.Name == "olga");
        var removed = Stopwatch.StartNew();
        Assert.Empty(await users.RemoveAsync(olga.Id, by: "admin"));
        await EndsAsync(onC);
        Assert.True(removed.Elapsed < TimeSpan.FromSeconds(1), $"olga's stream on c ended {removed.ElapsedMilliseconds} ms after her removal on a");
        using var again = await _cluster["c"].Client("olga", OlgaPassword).GetAsync("/snapshot/cam");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ATokenCreatedOnA_WorksOnC_AndItsRevocationOnA_EndsItsStreamOnC()
    {
        var tokens = _cluster["a"].Get<StreamTokens>();
        // c knew the tokens before this one was made: it must read them again.
        using (var before = await _cluster["c"].Client(user: null).GetAsync("/snapshot/cam?token=cdt_unknown"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        }

        var secret = await tokens.CreateAsync("wall", cameraId: null, expiresAt: null, by: "admin");
        await using var onC = await StreamClient.OpenAsync(_cluster["c"].Client(user: null), $"/stream/cam?token={secret}");
        await onC.Reader.ReadPartAsync();

        var id = (await tokens.ListAsync()).Single(t => t.Name == "wall").Id;
        await tokens.RevokeAsync(id, by: "admin");
        await EndsAsync(onC);
        using var again = await _cluster["c"].Client(user: null).GetAsync($"/snapshot/cam?token={secret}");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task ACameraAddedOnA_IsOnEveryNode_AndItsRemovalToo()
    {
        using var onA = _cluster["a"].Client();
        using (var added = await onA.PostAsJsonAsync("/api/cameras", new { id = "yard", name = "Yard", source = "testpattern" }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        foreach (var node in new[] { "b", "c" })
        {
            await Eventually.True(() => _cluster[node].Get<CameraCatalog>().Find("yard") is { Name: "Yard" }, $"node {node} has the camera a added", timeoutSeconds: 2);
        }

        using (var removed = await onA.DeleteAsync("/api/cameras/yard"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        foreach (var node in new[] { "b", "c" })
        {
            await Eventually.True(() => _cluster[node].Get<CameraCatalog>().Find("yard") is null, $"node {node} removed the camera a removed", timeoutSeconds: 2);
        }
    }

    [Fact]
    public async Task AProgramOnC_HearsWhatHappensOnA()
    {
        await using var events = await EventsClient.ConnectAsync(_cluster["c"].Address);
        using (var patch = await _cluster["a"].Client().PatchAsJsonAsync("/api/cameras/cam", new { quality = 44 }))
        {
            patch.EnsureSuccessStatusCode();
        }

        var settings = await events.NextAsync(CameraSettingsChanged.TypeName, timeoutSeconds: 2);
        Assert.Equal((44, "a"), (settings.GetProperty("quality").GetInt32(), settings.GetProperty("node").GetString()));

        // Once, from a: the nodes that followed it do not announce it again. A second change
        // from a marks how far to look.
        using (var patch = await _cluster["a"].Client().PatchAsJsonAsync("/api/cameras/cam", new { quality = 45 }))
        {
            patch.EnsureSuccessStatusCode();
        }

        await events.NextAsync(CameraSettingsChanged.TypeName, e => e.GetProperty("quality").GetInt32() == 45, timeoutSeconds: 2);
        Assert.DoesNotContain(events.Seen, e => e.Name == CameraSettingsChanged.TypeName && e.Body.GetProperty("quality").GetInt32() == 44);
    }

    /// <summary>The first viewer <paramref name="matches"/> in <c>/api/viewers</c>, waiting for the nodes' next report.</summary>
    private static async Task<JsonElement> ListedAsync(HttpClient client, Func<JsonElement, bool> matches)
    {
        JsonElement found = default;
        await Eventually.True(async () =>
        {
            using var list = await client.GetFromJsonAsync<JsonDocument>("/api/viewers");
            var match = list!.RootElement.EnumerateArray().Where(matches).Select(v => v.Clone()).ToList();
            found = match.FirstOrDefault();
            return match.Count > 0;
        }, "the viewer is listed", timeoutSeconds: 5);
        return found;
    }

    private static async Task EndsAsync(StreamClient stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (await stream.Reader.ReadPartAsync(timeout.Token) is not null)
        {
        }
    }
}
