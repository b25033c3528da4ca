namespace CamDashboard.Components.Pages.Viewers;

/// <summary>The program behind a viewer, by the name people know it by, from its User-Agent:
/// "VLC", "ffmpeg", "Home Assistant". Null for one not known here.</summary>
internal static class ViewerPrograms
{
    // First match wins: more specific tokens before the ones they contain (OBS and Home Assistant
    // send libraries' names too; every browser says "Mozilla").
    private static readonly (string Token, string Name)[] Known =
    [
        ("HomeAssistant", "Home Assistant"),
        ("OBS", "OBS"),
        ("VLC", "VLC"),
        ("Lavf", "ffmpeg"),
        ("GStreamer", "GStreamer"),
        ("Motion", "Motion"),
        ("Frigate", "Frigate"),
        ("curl", "curl"),
        ("Wget", "Wget"),
        ("python", "Python"),
        ("Firefox", "Firefox"),
        ("Edg/", "Edge"),
        ("Chrome", "Chrome"),
        ("Safari", "Safari"),
    ];

    public static string? Name(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? null : Known.FirstOrDefault(k => userAgent.Contains(k.Token, StringComparison.OrdinalIgnoreCase)).Name;
}
