namespace CamDashboard.Hosting;

/// <summary>Finds the web root: the copy beside the binaries when published, else (run from
/// source) the repository's top-level <c>wwwroot</c>.</summary>
internal static class WebRoot
{
    public static string Locate()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            return published;
        }

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
