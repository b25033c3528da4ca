namespace CamDashboard.Streaming.Definitions;

/// <summary>The <c>Sources</c> configuration section: what cameras added from the dashboard or the
/// API may open.</summary>
public sealed class SourcesOptions
{
    /// <summary>The folders a video-file source added from the dashboard or the API (or tried with
    /// Test) may be in; any other path is refused with one message, whether or not it exists, so
    /// the Test button reads no other file and tells nothing of the file system. Cameras in the
    /// configuration are not limited. The app's host adds its data folder's <c>videos</c> when none is set.</summary>
    public IList<string> AllowedFolders { get; } = [];
}
