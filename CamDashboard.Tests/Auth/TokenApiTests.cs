using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Auth;

/// <summary><c>/api/tokens</c>: stream tokens made, listed and revoked by a script.</summary>
public sealed class TokenApiTests
{
    [Fact]
    public async Task AScript_CreatesAToken_UsesIt_ListsItWithoutTheSecret_AndRevokesIt()
    {
        await using var app = new TestApp(TestApp.Pattern("door"), TestApp.Pattern("yard"));
        using var admin = app.Client();
        using var created = await admin.PostAsJsonAsync("/api/tokens", new { name = "wall tablet", camera = "door", expiresInMinutes = 60 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = await created.Content.ReadFromJsonAsync<JsonDocument>();
        var token = body!.RootElement.GetProperty("token").GetString()!;
        var id = body.RootElement.GetProperty("id").GetInt32();
        Assert.Equal($"/api/tokens/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("door", body.RootElement.GetProperty("camera").GetString());
        var expires = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        using var anonymous = app.Client(user: null);
        using (var door = await anonymous.GetAsync($"/snapshot/door?token={token}"))
        using (var yard = await anonymous.GetAsync($"/snapshot/yard?token={token}"))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (door.StatusCode, yard.StatusCode));
        }

        var listed = await admin.GetStringAsync("/api/tokens");
        Assert.Contains("wall tablet", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);

        await using var stream = await StreamClient.OpenAsync(app.Client(user: null), $"/stream/door?token={token}");
        await stream.Reader.ReadPartAsync();
        using (var revoked = await admin.DeleteAsync($"/api/tokens/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (await stream.Reader.ReadPartAsync(timeout.Token) is not null)
        {
        }

        using (var after = await anonymous.GetAsync($"/snapshot/door?token={token}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        using (var unknown = await admin.DeleteAsync("/api/tokens/9999"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "x", "camera": "nope"}""", "camera")]
    [InlineData("""{"name": "x", "expiresInMinutes": 0}""", "expiresInMinutes")]
    [InlineData("""{"name": "x", "expiresInMinutes": 99999999}""", "expiresInMinutes")]
    public async Task ABadRequest_IsAnsweredWithTheFieldToFix(string json, string field)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var answer = await app.Client().PostAsync("/api/tokens", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        using var problem = await answer.Content.ReadFromJsonAsync<JsonDocument>();
        Assert.True(problem!.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.Empty(await app.Get<StreamTokens>().ListAsync());
    }

    [Fact]
    public async Task OnlyAdmins_MayUseIt()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await app.Get<UserAdministration>().CreateAsync("vera", "Vera-Password-1", Roles.Viewer, "admin");
        using var viewer = app.Client("vera", "Vera-Password-1");
        using var list = await viewer.GetAsync("/api/tokens");
        using var create = await viewer.PostAsJsonAsync("/api/tokens", new { name = "mine" });
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (list.StatusCode, create.StatusCode));
    }
}
