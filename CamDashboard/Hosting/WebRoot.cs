namespace CamDashboard.Hosting;

/// <summary>Finds the repository's top-level <c>wwwroot</c> (run from source) or the copy
/// beside the binaries (published).</summary>
internal static class WebRoot
{
    public static string Locate()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CamDashboard.sln")))
            {
                return Path.Combine(dir.FullName, "wwwroot");
            }
        }

        return published;
    }
}
