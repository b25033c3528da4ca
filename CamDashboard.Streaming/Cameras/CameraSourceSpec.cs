using System.Globalization;

namespace CamDashboard.Streaming.Cameras;

/// <summary>Reads a <see cref="CameraOptions.Source"/> string.</summary>
public static class CameraSourceSpec
{
    /// <summary>The source string of the built-in test pattern.</summary>
    public const string TestPattern = "testpattern";

    /// <summary>Classifies a source string.</summary>
    public static SourceKind KindOf(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.Equals(source, TestPattern, StringComparison.OrdinalIgnoreCase))
        {
            return SourceKind.TestPattern;
        }

        if (int.TryParse(source, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return SourceKind.Device;
        }

        return Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile ? SourceKind.Url : SourceKind.File;
    }
}
