using System.Text.Json.Serialization;
using CamDashboard.Streaming.Settings;

namespace CamDashboard.Streaming.Definitions;

/// <summary>One camera's definition: an entry of the <c>Cameras</c> configuration section, or
/// one added from the dashboard.</summary>
public sealed class CameraOptions
{
    /// <summary>URL-safe identifier used in <c>/stream/{id}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name; defaults to the id.</summary>
    public string? Name { get; set; }

    /// <summary>A device index (<c>"0"</c>), a file path, an RTSP/HTTP URL, or <c>"testpattern"</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The camera's small second stream (most IP cameras have one, e.g. Hikvision's
    /// <c>…/Channels/102</c>): dashboard tiles and the low and small tiers come from it while it
    /// works, so a grid of many cameras never decodes their full-size pictures. Same credentials as
    /// <see cref="Source"/> unless its URL carries its own.</summary>
    public string? Substream { get; set; }

    /// <summary>User name for the source, when not in the URL.</summary>
    public string? Username { get; set; }

    /// <summary>Password for the source, when not in the URL. Write-only: never shown or logged.</summary>
    public string? Password { get; set; }

    /// <summary>RTSP transport: <c>tcp</c> (default) or <c>udp</c>.</summary>
    public string? Transport { get; set; }

    /// <summary>JPEG quality, 1–100, or 0 for <em>Original</em> (the camera's own JPEG, passed
    /// through; a stream that turns out not to be MJPEG is encoded at 80). Unset: Original for
    /// HTTP cameras, 80 for the others.</summary>
    public int? Quality { get; set; }

    /// <summary>Most frames per second encoded and served, 1–60.</summary>
    public int MaxFps { get; set; } = 30;

    /// <summary>Requested frame width; 0 keeps the source's own (test pattern: 640). HTTP JPEG cameras keep their own.</summary>
    public int Width { get; set; }

    /// <summary>Requested frame height; 0 keeps the source's own (test pattern: 360). HTTP JPEG cameras keep their own.</summary>
    public int Height { get; set; }

    /// <summary>Whether the camera is captured; a disabled camera is listed but not opened.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Test pattern only: add fine noise texture so frames compress like a real scene.</summary>
    public bool Texture { get; set; }

    /// <summary>Keep decoding the main stream while nobody watches (no standby), so that a
    /// snapshot is answered with the next frame instead of waking the camera first.</summary>
    public bool AlwaysOn { get; set; }

    /// <summary>The name to show: <see cref="Name"/>, or the id when there is none.</summary>
    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;

    /// <summary>The quality the camera starts with.</summary>
    [JsonIgnore]
    public int EffectiveQuality => Quality ?? (CameraSourceSpec.KindOf(Source) == SourceKind.Http ? CameraSettings.Original : CameraSettings.DefaultQuality);

    /// <summary>A copy, so a definition being edited never changes a running camera.</summary>
    public CameraOptions Clone() => (CameraOptions)MemberwiseClone();

    /// <summary>The definition with the credentials out of the URLs: a URL's user and password go to
    /// <see cref="Username"/> and <see cref="Password"/> (unless those are set: they win anyway), so
    /// that a stored definition carries its password only where it is kept encrypted, and an edit
    /// form never shows it.</summary>
    public CameraOptions WithCredentialsApart()
    {
        var apart = Clone();
        if (Uri.TryCreate(Source, UriKind.Absolute, out var source) && source.UserInfo.Length > 0 && CameraSourceSpec.UrlProblem(Source) is null)
        {
            var colon = source.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var (user, password) = colon < 0 ? (source.UserInfo, null) : (source.UserInfo[..colon], source.UserInfo[(colon + 1)..]);
            user = Uri.UnescapeDataString(user);
            if (string.IsNullOrEmpty(apart.Username) || apart.Username == user)
            {
                apart.Username = user;
                apart.Password ??= password is null ? null : Uri.UnescapeDataString(password);
            }

            apart.Source = WithoutUserInfo(source);
        }

        if (Uri.TryCreate(Substream, UriKind.Absolute, out var substream) && substream.UserInfo.Length > 0)
        {
            apart.Substream = WithoutUserInfo(substream);
        }

        return apart;
    }

    private static string WithoutUserInfo(Uri uri) => new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri;

    /// <summary>The source definition of the substream: its URL with this camera's credentials
    /// and transport, at its own size.</summary>
    internal CameraOptions SubstreamSource()
    {
        var sub = Clone();
        sub.Source = Substream ?? "";
        sub.Substream = null;
        (sub.Width, sub.Height) = (0, 0);
        return sub;
    }
}
