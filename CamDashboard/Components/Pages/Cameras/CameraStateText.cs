using CamDashboard.Components.Layout;
using CamDashboard.Streaming.Cameras;
using MudBlazor;

namespace CamDashboard.Components.Pages.Cameras;

/// <summary>What a camera's state is called and how it is colored, in one place: the chip, the
/// tile's overlay and the camera page's overlay all say the same thing.</summary>
internal static class CameraStateText
{
    /// <summary>The short word for the chip ("live", "reconnecting").</summary>
    public static string Word(CameraState state) => state switch
    {
        CameraState.Live => "live",
        CameraState.Standby => "standby",
        CameraState.Starting => "starting",
        CameraState.Reconnecting => "reconnecting",
        CameraState.Unauthorized => "wrong credentials",
        CameraState.Unreachable => "unreachable",
        CameraState.NotACamera => "not a camera",
        CameraState.Disabled => "disabled",
        _ => "offline",
    };

    /// <summary>The sentence over the picture while the camera is not live ("Reconnecting since
    /// 14:02:11", in the viewer's zone).</summary>
    public static string Overlay(Camera camera, ViewerTimeZone zone) => camera.State switch
    {
        CameraState.Starting => "Starting…",
        // A tile or camera page is a viewer: the camera it shows wakes within a moment.
        CameraState.Standby => "Waking up…",
        CameraState.Disabled => "Disabled",
        var state => $"{char.ToUpperInvariant(Word(state)[0])}{Word(state)[1..]} since {zone.Of(camera.StateSince):HH:mm:ss}",
    };

    public static Color Color(CameraState state) => state switch
    {
        CameraState.Live => MudBlazor.Color.Success,
        CameraState.Starting or CameraState.Standby => MudBlazor.Color.Info,
        CameraState.Reconnecting => MudBlazor.Color.Warning,
        CameraState.Disabled => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Error,
    };
}
