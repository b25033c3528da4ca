using Bunit;
using CamDashboard.Auth;
using CamDashboard.Components.Pages.Audit;
using CamDashboard.Components.Pages.Tokens;
using CamDashboard.Components.Pages.Users;
using Microsoft.AspNetCore.Identity;
using CamDashboard.Data;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CamDashboard.Tests.Components;

/// <summary>Pages backed by the database, on a real SQLite file with the app's migrations.</summary>
public sealed class DatabaseComponentTests : DashboardTestContext
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"camdashboard-bunit-{Guid.NewGuid():N}.db");

    public DatabaseComponentTests()
    {
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite($"Data Source={_database};Pooling=False"));
        Services.AddSingleton<EfAuditTrail>();
        Services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<EfAuditTrail>());
        Services.AddSingleton<StreamTokens>();
        Services.AddIdentityCore<IdentityUser>(CamDashboardAuthenticationExtensions.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        Services.AddSingleton<CredentialVerifier>();
        Services.AddSingleton<UserAdministration>();
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={_database};Pooling=False").Options);
        db.Database.Migrate();
        var adminRole = new IdentityRole("Admin") { NormalizedName = "ADMIN" };
        db.Roles.AddRange(adminRole, new IdentityRole("Viewer") { NormalizedName = "VIEWER" });
        // The signed-in "admin" of the test context, as the user administration checks who acts.
        var admin = new IdentityUser("admin") { NormalizedUserName = "ADMIN", SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(admin);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = admin.Id, RoleId = adminRole.Id });
        db.SaveChanges();
    }

    [Fact]
    public async Task UserList_AddsAUser_WithItsRole()
    {
        var cut = RenderWith<MudPopoverProvider, UserList>();
        cut.WaitForAssertion(() => Assert.Contains("Add a user", cut.Markup), TimeSpan.FromSeconds(10));
        cut.Find("input[data-testid=new-user-name], [data-testid=new-user-name] input").Input("carol");
        cut.Find("input[data-testid=new-user-password], [data-testid=new-user-password] input").Input("carol-password");
        cut.Find("[data-testid=add-user]").Click();

        // Identity hashes the password on purpose slowly; give it time on a busy machine.
        cut.WaitForAssertion(() => Assert.Contains("carol", cut.Find("tbody").TextContent), TimeSpan.FromSeconds(10));
        var users = await Services.GetRequiredService<UserAdministration>().ListAsync();
        Assert.Equal("Viewer", users.Single(u => u.Name == "carol").Role);
    }

    [Fact]
    public async Task UserList_ShowsWhoIsBanned_AndUntilWhen()
    {
        await Services.GetRequiredService<UserAdministration>().CreateAsync("dave", "dave-password", "Viewer", "admin");
        await Services.GetRequiredService<UserAdministration>().CreateAsync("erin", "erin-password", "Viewer", "admin");
        var until = Time.GetUtcNow().AddMinutes(10);
        await Services.GetRequiredService<IViewerBans>().BanAsync(new ViewerDescription("cam", ViewerKind.Mjpeg, "dave", "10.0.0.9", "VLC"), until, "admin", default);

        var cut = Render<UserList>();
        cut.WaitForAssertion(() => Assert.Contains("dave", cut.Find("tbody").TextContent), TimeSpan.FromSeconds(10));
        var status = cut.FindAll("tbody tr").ToDictionary(r => r.QuerySelector("td")!.TextContent.Trim(), r => r.QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
        Assert.Equal($"banned until {until.ToLocalTime():HH:mm}", status["dave"]);
        Assert.Equal("active", status["erin"]);
    }

    [Fact]
    public void UserList_ShowsIdentityErrors()
    {
        var cut = Render<UserList>();
        cut.Find("input[data-testid=new-user-name], [data-testid=new-user-name] input").Input("dave");
        cut.Find("input[data-testid=new-user-password], [data-testid=new-user-password] input").Input("short");
        cut.Find("[data-testid=add-user]").Click();
        cut.WaitForAssertion(() => Assert.Contains("at least 8 characters", cut.Markup), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TokenList_ShowsANewTokenOnce_ThenOnlyItsName()
    {
        var cut = RenderWith<MudPopoverProvider, TokenList>();
        cut.WaitForAssertion(() => Assert.Contains("No stream tokens yet", cut.Markup));

        cut.Find("input[data-testid=token-name], [data-testid=token-name] input").Input("garage");
        cut.Find("[data-testid=create-token]").Click();
        var secret = cut.WaitForElement(".token-secret").TextContent.Trim();
        Assert.StartsWith(StreamTokens.Prefix, secret);
        Assert.Contains("garage", cut.Markup);

        var again = Render<TokenList>();
        again.WaitForAssertion(() => Assert.Contains("garage", again.Markup));
        Assert.Empty(again.FindAll(".token-secret"));
        Assert.DoesNotContain(secret, again.Markup);
    }

    [Fact]
    public async Task TokenList_AndTheAuditTrail_NameTheCamera_NotItsId()
    {
        await Services.GetRequiredService<StreamTokens>().CreateAsync("hall tablet", "cam", null, "admin");

        var cut = Render<TokenList>();
        cut.WaitForAssertion(() => Assert.Equal("Front door", cut.Find("[data-testid=token-camera]").TextContent));
        var audit = Render<AuditLog>();
        audit.WaitForAssertion(() => Assert.Contains("hall tablet for Front door", audit.Find("[data-testid=audit-table]").TextContent));
    }

    [Fact]
    public async Task AuditLog_ListsEntries_NewestFirst()
    {
        var audit = Services.GetRequiredService<IAuditTrail>();
        await audit.RecordAsync("admin", "kick", "viewer 7", default);
        await audit.RecordAsync("admin", "ban", "viewer 8", default);

        var cut = Render<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-table] tbody tr").Count));
        var rows = cut.FindAll("[data-testid=audit-table] tbody tr");
        Assert.Contains("ban", rows[0].TextContent);
        Assert.Contains("kick", rows[1].TextContent);
    }

    [Fact]
    public async Task AuditLog_ShowsOnePageAtATime()
    {
        var audit = Services.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < 250; i++)
        {
            await audit.RecordAsync("admin", "kick", $"viewer {i}", default);
        }

        var cut = Render<AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(100, cut.FindAll("[data-testid=audit-table] tbody tr").Count), TimeSpan.FromSeconds(10));
        Assert.Contains("viewer 249", cut.FindAll("[data-testid=audit-table] tbody tr")[0].TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=audit-pages]"));
    }

    [Fact]
    public async Task AuditQueries_SelectByAction_UserText_AndTime_OnTheRealDatabase()
    {
        var audit = Services.GetRequiredService<EfAuditTrail>();
        await audit.RecordAsync("alice", "sign-in", "from 10.0.0.1", default);
        Time.Advance(TimeSpan.FromHours(2));
        var sinceHere = Time.GetUtcNow();
        await audit.RecordAsync("bob", "ban", "viewer 3", default);
        Time.Advance(TimeSpan.FromHours(1));
        await audit.RecordAsync("al_ice", "sign-in", "from 10.0.0.2", default);

        async Task<string[]> Users(AuditQuery query) =>
            [.. (await audit.PageAsync(query, 0, 100, default)).Select(e => e.User!)];

        Assert.Equal(["al_ice", "alice"], await Users(new AuditQuery(Action: "sign-in")));
        Assert.Equal(["al_ice", "alice"], await Users(new AuditQuery(User: "AL")));
        // LIKE's wildcards in the text are plain characters.
        Assert.Equal(["al_ice"], await Users(new AuditQuery(User: "_")));
        Assert.Equal(["al_ice", "bob"], await Users(new AuditQuery(Since: sinceHere)));
        Assert.Equal(["al_ice"], await Users(new AuditQuery(Action: "sign-in", Since: sinceHere)));
        Assert.Equal(2, await audit.CountAsync(new AuditQuery(Since: sinceHere), default));
        Assert.Equal(["ban", "sign-in"], await audit.ActionsAsync(default));
    }

    [Fact]
    public async Task AuditLog_FiltersByUser_AsYouType()
    {
        var audit = Services.GetRequiredService<IAuditTrail>();
        await audit.RecordAsync("alice", "sign-in", "from 10.0.0.1", default);
        await audit.RecordAsync("bob", "sign-in", "from 10.0.0.2", default);
        var cut = RenderWith<MudPopoverProvider, AuditLog>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-table] tbody tr").Count));

        cut.Find("input[data-testid=filter-user], [data-testid=filter-user] input").Input("bo");
        // The typing debounce runs on the fake clock, armed once the input is handled: keep
        // moving the clock past it until the table follows.
        cut.WaitForAssertion(
            () =>
            {
                Time.Advance(TimeSpan.FromMilliseconds(400));
                Assert.Equal("bob", Assert.Single(cut.FindAll("[data-testid=audit-table] tbody tr td[data-label=Who]")).TextContent);
            },
            TimeSpan.FromSeconds(10));
        cut.Find("input[data-testid=filter-user], [data-testid=filter-user] input").Input("nobody");
        cut.WaitForAssertion(
            () =>
            {
                Time.Advance(TimeSpan.FromMilliseconds(400));
                Assert.Contains("No entry matches the filter", cut.Markup);
            },
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AuditLog_WhenEmpty_SaysSo()
    {
        var cut = Render<AuditLog>();
        cut.WaitForAssertion(() => Assert.Contains("Nothing has been recorded yet", cut.Markup));
    }

    protected override void CleanUp() => File.Delete(_database);
}
