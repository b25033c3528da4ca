using System.Net;
using System.Text.RegularExpressions;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>The dashboard's sign-in form, posted as a browser posts it (antiforgery included),
/// from a client that keeps cookies and does not follow redirects.</summary>
public static partial class FormSignIn
{
    public static HttpClient CookieClient(TestApp app, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Address };

    /// <summary>Posts the form; the response is the redirect the form answers with.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/account/login");
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = antiforgery,
        }));
    }

    /// <summary>A client signed in with the dashboard cookie.</summary>
    public static async Task<HttpClient> SignedInAsync(TestApp app, string userName, string password, CookieContainer? cookies = null)
    {
        var client = CookieClient(app, cookies);
        using var response = await PostAsync(client, userName, password);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Signs out with the dashboard's own form (its antiforgery token included), as the menu's button does.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/");
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
