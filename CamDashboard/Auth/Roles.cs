namespace CamDashboard.Auth;

internal static class Roles
{
    public const string Admin = "Admin";

    public const string Viewer = "Viewer";

    public static readonly string[] All = [Admin, Viewer];
}
