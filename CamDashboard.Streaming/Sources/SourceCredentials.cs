using System.Net;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>A network camera's credentials, from the URL's user info or the camera's own
/// <c>Username</c>/<c>Password</c> keys (which win).</summary>
internal static class SourceCredentials
{
    /// <summary>The URL without user info, and the credential to answer a challenge with.</summary>
    public static (Uri Url, NetworkCredential? Credential) Split(CameraOptions camera)
    {
        var uri = new Uri(camera.Source);
        var (user, password) = FromUserInfo(uri);
        user = string.IsNullOrEmpty(camera.Username) ? user : camera.Username;
        password = camera.Password ?? password;
        var bare = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        return (bare, string.IsNullOrEmpty(user) ? null : new NetworkCredential(user, password ?? ""));
    }

    /// <summary>The URL with the credentials in its user info, as FFmpeg takes them.</summary>
    public static Uri Embedded(CameraOptions camera)
    {
        var (bare, credential) = Split(camera);
        if (credential is null)
        {
            return bare;
        }

        // UriBuilder escapes what a user info may not hold (':', '@', '/').
        return new UriBuilder(bare) { UserName = Uri.EscapeDataString(credential.UserName), Password = Uri.EscapeDataString(credential.Password) }.Uri;
    }

    private static (string? User, string? Password) FromUserInfo(Uri uri)
    {
        if (uri.UserInfo.Length == 0)
        {
            return (null, null);
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), null)
            : (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }
}
