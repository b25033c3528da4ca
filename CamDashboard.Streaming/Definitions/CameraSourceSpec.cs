using System.Globalization;
using System.Text.RegularExpressions;

namespace CamDashboard.Streaming.Definitions;

/// <summary>Reads a <see cref="CameraOptions.Source"/> string.</summary>
public static partial class CameraSourceSpec
{
    /// <summary>The source string of the built-in test pattern.</summary>
    public const string TestPattern = "testpattern";

    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "rtmp", "rtmps", "srt", "udp", "tcp"];

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

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return SourceKind.File;
        }

        // HLS playlists are video for FFmpeg, not JPEG.
        var isHttp = uri.Scheme is "http" or "https";
        return isHttp && !uri.AbsolutePath.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase) ? SourceKind.Http : SourceKind.Network;
    }

    /// <summary>What the source is, in words people use: "RTSP camera", "HTTP camera", "Test pattern".</summary>
    public static string Describe(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return KindOf(source) switch
        {
            SourceKind.TestPattern => "Test pattern",
            SourceKind.Device => "USB camera",
            SourceKind.File => "Video file",
            SourceKind.Http => "HTTP camera",
            _ => new Uri(source).Scheme switch
            {
                "rtsp" or "rtsps" => "RTSP camera",
                "http" or "https" => "HLS stream",
                var scheme => $"{scheme.ToUpperInvariant()} stream",
            },
        };
    }

    /// <summary>Whether the source string is one this server can open (a known URL scheme, or a non-URL).</summary>
    public static bool IsSupported(string source) =>
        !Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.IsFile || uri.Scheme is "http" or "https" || NetworkSchemes.Contains(uri.Scheme);

    /// <summary>Whether the source may hand over JPEG frames to pass through untouched: HTTP
    /// cameras always do; FFmpeg streams do when the stream is MJPEG (MJPEG over RTSP).</summary>
    public static bool MayDeliverJpeg(string source) => KindOf(source) is SourceKind.Http or SourceKind.Network;

    /// <summary>The source as it may be shown and logged: a URL's password and any token or
    /// password query values masked (<c>rtsp://admin:***@cam.local/stream1</c>).</summary>
    public static string Redact(string source) => RedactText(source);

    /// <summary>Masks every URL password and secret query value in free text (a log line).</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SecretQueryValue().Replace(UrlPassword().Replace(text, "$1***@"), "$1***");
    }

    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)[^/\s]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex("([?&](?:token|password|pass|pwd|passwd|key|auth|access_token)=)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();
}
