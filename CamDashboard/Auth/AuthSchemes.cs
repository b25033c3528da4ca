namespace CamDashboard.Auth;

internal static class AuthSchemes
{
    /// <summary>Picks Basic when the request carries Basic credentials, else the dashboard cookie.</summary>
    public const string Default = "CamDashboard";

    public const string Basic = "Basic";
}
