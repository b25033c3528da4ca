using System.Globalization;
using System.Text.RegularExpressions;

namespace CamDashboard.Streaming.Definitions;

/// <summary>Reads a <see cref="CameraOptions.Source"/> string.</summary>
public static partial class CameraSourceSpec
{
    /// <summary>The source string of the built-in test pattern.</summary>
    public const string TestPattern = "testpattern";

    // What cameras speak. Raw tcp:// and udp:// are not among them: FFmpeg reads their options
    // from the URL (?listen=1 opens a listening socket), which would let a URL do more than read.
    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "rtmp", "rtmps", "srt"];

    // The SRT options a camera's URL may carry; the others (mode=listener, …) make FFmpeg serve, not read.
    private static readonly string[] SrtOptions = ["latency", "passphrase", "pbkeylen", "streamid", "mode"];

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

    /// <summary>Why a source that looks like a URL cannot be taken as one, or null when it can (or
    /// is no URL). A password holding <c>@ / # ? :</c> written as it is splits the URL in the wrong
    /// place: such a string would be opened as a file, and its password shown in the error.</summary>
    public static string? UrlProblem(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var scheme = UrlScheme().Match(source);
        if (!scheme.Success)
        {
            return null;
        }

        var rest = source[scheme.Length..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var (authority, tail) = authorityEnd < 0 ? (rest, "") : (rest[..authorityEnd], rest[authorityEnd..]);
        var misread = !Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.IsFile
            || authority.Count(c => c == '@') > 1
            // An '@' past the host, with none before it: the password ended the host early.
            || (!authority.Contains('@', StringComparison.Ordinal) && tail.Contains('@', StringComparison.Ordinal))
            || (uri.Scheme != "http" && uri.Scheme != "https" && tail.Contains('#', StringComparison.Ordinal));
        if (misread)
        {
            return "cannot be read as a URL: write special characters of a user name or password percent-encoded (@ is %40, / is %2F, # is %23, ? is %3F, : is %3A), or give them in Username and Password.";
        }

        if (uri!.Scheme == "srt")
        {
            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? (pair[..eq], pair[(eq + 1)..]) : (pair, "");
                if (!SrtOptions.Contains(name, StringComparer.OrdinalIgnoreCase) || (name.Equals("mode", StringComparison.OrdinalIgnoreCase) && value != "caller"))
                {
                    return $"carries the SRT option '{name}', which a camera's URL does not need (allowed: latency, passphrase, pbkeylen, streamid, mode=caller).";
                }
            }
        }

        return null;
    }

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

    // Up to the last '@' of the word: a password with an unencoded '@' or '/' is masked whole.
    [GeneratedRegex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)\S*@")]
    private static partial Regex UrlPassword();

    // Any query value whose name suggests a secret (loginpas, api_key, secret, pw, sig, …).
    [GeneratedRegex("([?&][^=&#\\s]*(?:pas|pw|secret|token|key|auth|sig|cred|session)[^=&#\\s]*=)[^&#\\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex UrlScheme();
}
