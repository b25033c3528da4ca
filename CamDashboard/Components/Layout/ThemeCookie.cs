namespace CamDashboard.Components.Layout;

/// <summary>The theme this browser last showed, kept in a cookie by camdashboard.js
/// (<c>prefs.shownTheme</c>). The user's choice lives in the browser's storage, which the
/// server cannot read; the cookie lets it draw a page dark from the first byte, instead of light
/// turning dark once the interactive dashboard has asked.</summary>
public static class ThemeCookie
{
    public const string Name = "camdashboard.theme";

    public static bool IsDark(HttpRequest request) => request.Cookies[Name] == "dark";
}
