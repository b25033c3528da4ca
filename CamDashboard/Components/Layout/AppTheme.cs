using MudBlazor;

namespace CamDashboard.Components.Layout;

/// <summary>MudBlazor's palettes with the colors that fell short of WCAG AA contrast (4.5:1 for
/// text) replaced: in light, the status colors (the green "live" chip was 2.2:1 on white); in
/// dark, the primary (the active nav link, outlined buttons), secondary text and labels, and info.</summary>
internal static class AppTheme
{
    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Success = "#187a36",
            Warning = "#a35200",
            Info = "#0a62b0",
            Error = "#c62828",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a49cf2",
            // Text on a filled primary button: dark on the lighter primary.
            PrimaryContrastText = "#1a1a27",
            TextSecondary = "rgba(255,255,255,0.80)",
            Info = "#90c8ff",
        },
    };
}
