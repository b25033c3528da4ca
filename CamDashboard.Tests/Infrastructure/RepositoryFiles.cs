namespace CamDashboard.Tests.Infrastructure;

/// <summary>Files of the checkout and of the test project (README, npm packages), found from the test binary up.</summary>
public static class RepositoryFiles
{
    /// <summary>The nearest <paramref name="relativePath"/> above the test binary.</summary>
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} is not above {AppContext.BaseDirectory}.");
    }

    /// <summary>The code block of <paramref name="language"/> that README.md has after the line holding <paramref name="marker"/>.</summary>
    public static string ReadmeBlock(string marker, string language)
    {
        var readme = File.ReadAllText(Find("README.md"));
        var at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md no longer says '{marker}'.");
        var fence = "```" + language + "\n";
        var start = readme.IndexOf(fence, at, StringComparison.Ordinal) + fence.Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
