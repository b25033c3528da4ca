using CamDashboard.Data;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Browser;

/// <summary>Times on the dashboard are the viewer's, not the server's: a box in a closet runs on
/// UTC, its admin does not.</summary>
public sealed class TimeZoneBrowserTests
{
    // UTC+14: no test machine runs on it, so the server's zone cannot pass for it.
    private const string Zone = "Pacific/Kiritimati";

    [Fact]
    public async Task TheAuditLog_ShowsTimesInTheBrowsersTimeZone()
    {
        await using var app = new TestApp(TestApp.Pattern());
        await using var browser = await BrowserSession.OpenAsync(app, timezoneId: Zone);
        await browser.SignInAsync();
        await browser.OpenAsync("/audit");

        var signIn = (await app.Get<EfAuditTrail>().LatestAsync(1, default)).Single();
        var expected = TimeZoneInfo.ConvertTime(signIn.At, TimeZoneInfo.FindSystemTimeZoneById(Zone)).ToString("yyyy-MM-dd HH:mm:ss");
        var shown = await browser.Page.Locator("[data-testid=audit-table] tbody tr td").First.InnerTextAsync();
        Assert.Equal(expected, shown.Trim());
    }
}
