namespace CamDashboard.Streaming.Sources;

/// <summary>Why a source could not be opened, as far as it can tell.</summary>
public enum SourceFault
{
    /// <summary>Anything else: a bad stream, a missing file, a protocol error.</summary>
    Failed,

    /// <summary>The source refused the credentials (or asked for some).</summary>
    Unauthorized,

    /// <summary>The host could not be reached: refused, unreachable, timed out, or not in DNS.</summary>
    Unreachable,

    /// <summary>The address answers, but with something that is no camera (a web page): a setup mistake.</summary>
    NotACamera,
}
