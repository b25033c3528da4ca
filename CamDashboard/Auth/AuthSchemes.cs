namespace CamDashboard.Auth;

internal static class AuthSchemes
{
    /// <summary>Picks the stream token when <c>?token=</c> is given, Basic when the request carries
    /// Basic credentials, else the dashboard cookie.</summary>
    public const string Default = "CamDashboard";

    /// <summary>Challenges programs (streams, API) with Basic and people with the sign-in page.</summary>
    public const string Challenge = "CamDashboard.Challenge";

    public const string Basic = "Basic";

    public const string Token = "Token";

    public const string Node = "Node";
}
