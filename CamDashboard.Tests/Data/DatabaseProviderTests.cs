using CamDashboard.Streaming.Activity;
using CamDashboard.Streaming.Settings;
using System.Net;
using System.Net.Http.Json;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CamDashboard.Tests.Data;

/// <summary>The data survives a restart alike on both providers: SQLite (a real file) and
/// PostgreSQL (a real server started for the run); on PostgreSQL two nodes share one database.</summary>
public sealed class DatabaseProviderTests
{
    // The picture's top row ignored (a road, a tree in the wind).
    private static readonly string Mask = new string('1', ActivitySettings.MaskColumns) + new string('0', ActivitySettings.MaskCells - ActivitySettings.MaskColumns);

    /// <summary>A new database of the provider, and how an app is put on it.</summary>
    private static Func<TestApp> NewDatabase(string provider)
    {
        if (provider == "PostgreSQL")
        {
            var connectionString = PostgresServer.Instance.NewDatabase();
            return () => new TestApp(TestApp.Pattern()).OnPostgres(connectionString);
        }

        var file = TestApp.NewDatabasePath();
        return () => new TestApp(file, TestApp.Pattern());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task UsersCamerasSettingsTokensBansAndAudit_SurviveARestart(string provider)
    {
        var node = NewDatabase(provider);
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        string token;
        await using (var app = node())
        {
            using var client = app.Client();
            Assert.Empty(await app.Get<UserAdministration>().CreateAsync("olga", "Olga-Password-1", Roles.Viewer, by: "admin"));
            using (var added = await client.PostAsJsonAsync("/api/cameras", new { id = "door", source = "rtsp://cam:Door-Secret-1@127.0.0.1:1/live", quality = 40 }))
            {
                Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            }

            using (var patched = await client.PatchAsJsonAsync("/api/cameras/cam", new { quality = 33, maxFps = 7, activity = new { sensitivity = 70, mask = Mask } }))
            {
                patched.EnsureSuccessStatusCode();
            }

            await app.Get<IActivityHistory>().RecordAsync(new ActivityPeriod("cam", startedAt, startedAt.AddSeconds(12), 4.5), CancellationToken.None);

            // A token that expires at a time given in another offset than UTC is kept as that instant.
            token = await app.Get<StreamTokens>().CreateAsync("wall", "cam", DateTimeOffset.UtcNow.AddHours(2).ToOffset(TimeSpan.FromHours(5)), by: "admin");
            await app.Get<IViewerBans>().BanAsync(new ViewerDescription("cam", ViewerKind.Mjpeg, null, "127.0.0.9", null), DateTimeOffset.UtcNow.AddHours(1), "admin", CancellationToken.None);
        }

        await using var restarted = node();
        using (var olga = restarted.Client("olga", "Olga-Password-1"))
        using (var cameras = await olga.GetAsync("/api/cameras"))
        {
            Assert.Equal(HttpStatusCode.OK, cameras.StatusCode);
        }

        var door = (await restarted.Get<ICameraStore>().LoadAsync(CancellationToken.None)).Single(c => c.Id == "door");
        Assert.Equal(("cam", "Door-Secret-1", 40), (door.Username, door.Password, door.Quality));
        var cam = restarted.Get<CameraCatalog>().Find("cam")!;
        Assert.Equal((33, 7, new ActivitySettings(70, Mask)), (cam.Settings.Quality, cam.Settings.MaxFps, cam.Settings.Activity));
        var period = Assert.Single(await restarted.Get<IActivityHistory>().ListAsync("cam", startedAt.AddHours(-1), CancellationToken.None));
        Assert.Equal((startedAt.ToUnixTimeMilliseconds(), startedAt.AddSeconds(12).ToUnixTimeMilliseconds(), 4.5), (period.Started.ToUnixTimeMilliseconds(), period.Ended.ToUnixTimeMilliseconds(), period.Peak));
        Assert.Empty(await restarted.Get<IActivityHistory>().ListAsync("cam", startedAt.AddSeconds(13), CancellationToken.None));
        using (var anonymous = restarted.Client(user: null))
        using (var snapshot = await anonymous.GetAsync($"/snapshot/cam?token={token}"))
        {
            Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        }

        Assert.True(restarted.Get<IViewerBans>().IsBanned(null, "127.0.0.9"));
        var audit = restarted.Get<EfAuditTrail>();
        var since = await audit.PageAsync(new AuditQuery(Since: startedAt), 0, 100, CancellationToken.None);
        Assert.Contains(since, e => e.User == "admin" && e.Detail.Contains("olga", StringComparison.Ordinal));
        Assert.Empty(await audit.PageAsync(new AuditQuery(Since: DateTimeOffset.UtcNow.AddMinutes(1)), 0, 100, CancellationToken.None));
    }

    [Fact]
    public async Task TwoNodesOnOnePostgreSqlDatabase_StartTogether_AndReadEachOthersCookiesAndCameraPasswords()
    {
        var connectionString = PostgresServer.Instance.NewDatabase();
        await using var a = new TestApp(TestApp.Pattern()).OnPostgres(connectionString);
        await using var b = new TestApp(TestApp.Pattern()).OnPostgres(connectionString);
        // Started together on an empty database: one migrates and seeds, the other waits for it.
        await Task.WhenAll(Task.Run(() => a.Address), Task.Run(() => b.Address));

        using (var added = await a.Client().PostAsJsonAsync("/api/cameras", new { id = "gate", source = "rtsp://cam:Gate-Secret-1@127.0.0.1:1/live" }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var gate = (await b.Get<ICameraStore>().LoadAsync(CancellationToken.None)).Single(c => c.Id == "gate");
        Assert.Equal("Gate-Secret-1", gate.Password);

        // Both nodes use the one key in the database; the cookie node A issued opens node B's dashboard.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var keys = new NpgsqlCommand("SELECT count(*) FROM \"DataProtectionKeys\"", connection);
            Assert.Equal(1L, await keys.ExecuteScalarAsync());
        }

        var jar = new CookieContainer();
        using var signedIn = await FormSignIn.SignedInAsync(a, "admin", TestApp.AdminPassword, jar);
        using var onB = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = b.Address };
        onB.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(a.Address));
        using var page = await onB.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task AnAuditLogFromBeforeActionsTookOneStyle_IsRenamed_SoItsFilterListsEachActionOnce(string provider)
    {
        // The schema and rows as the release before left them, with its names ("kick" beside "token created").
        TestApp app;
        if (provider == "PostgreSQL")
        {
            var connectionString = PostgresServer.Instance.NewDatabase();
            await using (var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options))
            {
                await OldAuditAsync(db, "20261201231855_InitialCreate");
            }

            app = new TestApp(TestApp.Pattern()).OnPostgres(connectionString);
        }
        else
        {
            var file = TestApp.NewDatabasePath();
            await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options))
            {
                await OldAuditAsync(db, "20261201203538_CameraDefinitions");
            }

            app = new TestApp(file, TestApp.Pattern());
        }

        await using (app)
        {
            var audit = app.Get<EfAuditTrail>();
            await app.Get<StreamTokens>().CreateAsync("wall", null, null, by: "admin");
            Assert.Equal(["ban lifted", "camera added", "token created", "viewer kicked"], await audit.ActionsAsync(CancellationToken.None));
            var kicks = await audit.PageAsync(new AuditQuery(Action: "viewer kicked"), 0, 10, CancellationToken.None);
            Assert.Equal("viewer 7", Assert.Single(kicks).Detail);
        }
    }

    private static async Task OldAuditAsync(AppDbContext db, string migration)
    {
        await db.GetService<IMigrator>().MigrateAsync(migration);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Audit" ("At", "User", "Action", "Detail") VALUES
            ('2026-12-01 10:00:00+00:00', 'admin', 'kick', 'viewer 7'),
            ('2026-12-01 10:01:00+00:00', 'admin', 'camera-add', 'Door (door)'),
            ('2026-12-01 10:02:00+00:00', 'admin', 'unban', 'alice'),
            ('2026-12-01 10:03:00+00:00', 'admin', 'token created', 'tablet for all cameras')
            """);
    }

    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database:Provider is 'Oracle': it must be Sqlite (the default) or PostgreSQL.")]
    [InlineData("Database:Provider", "PostgreSQL", "Database:Provider is PostgreSQL: ConnectionStrings:CamDashboard must name the server")]
    [InlineData("ConnectionStrings:CamDashboard", "Host=db;Database=camdashboard", "ConnectionStrings:CamDashboard is not a SQLite connection string")]
    public async Task AWrongDatabaseSetting_StopsStartUp_NamingTheKey(string key, string value, string expected)
    {
        await using var app = new TestApp(TestApp.Pattern()).With(key, value);
        if (value == "PostgreSQL")
        {
            app.With("ConnectionStrings:CamDashboard", "");
        }

        var error = Assert.Throws<InvalidOperationException>(() => app.Address);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
