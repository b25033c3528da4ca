using System.Security.Claims;

namespace CamDashboard.Streaming.Cameras;

/// <summary>A claim that limits a principal (a stream token) to one camera. Streaming endpoints
/// refuse other cameras with 403; a principal without the claim may watch every camera.</summary>
public static class CameraScope
{
    /// <summary>The claim type; its value is a camera id.</summary>
    public const string ClaimType = "camdashboard:camera";

    /// <summary>Whether <paramref name="user"/> may watch <paramref name="cameraId"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, string cameraId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = user.FindFirst(ClaimType)?.Value;
        return scope is null || string.Equals(scope, cameraId, StringComparison.OrdinalIgnoreCase);
    }
}
