using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Management;

/// <summary>Whether a file source added at runtime is in one of <see cref="SourcesOptions.AllowedFolders"/>:
/// its full path, and the final target of a link, must be inside one.</summary>
internal sealed class SourceFolders(IReadOnlyList<string> folders)
{
    private readonly string[] _folders = [.. folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f)) + Path.DirectorySeparatorChar)];

    /// <summary>The refusal (one message for every path outside), or null when <paramref name="camera"/> may be opened.</summary>
    public string? Refusal(CameraOptions camera)
    {
        if (CameraSourceSpec.KindOf(camera.Source) != SourceKind.File || Allows(camera.Source))
        {
            return null;
        }

        return _folders.Length == 0
            ? "Video files cannot be added from the dashboard (no folder is set in Sources:AllowedFolders)."
            : $"Video files must be in {string.Join(" or ", _folders.Select(f => f.TrimEnd(Path.DirectorySeparatorChar)))} (Sources:AllowedFolders).";
    }

    private bool Allows(string path)
    {
        if (!Path.IsPathFullyQualified(path) || !Inside(Path.GetFullPath(path)))
        {
            return false;
        }

        // A link inside the folder may point outside it: its target must be inside too.
        var target = File.Exists(path) ? new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName : null;
        return target is null || Inside(target);
    }

    private bool Inside(string fullPath) => _folders.Any(f => fullPath.StartsWith(f, StringComparison.Ordinal));
}
