using System.Text.RegularExpressions;
using CamDashboard.Streaming.Settings;

namespace CamDashboard.Streaming.Definitions;

/// <summary>The one set of rules a camera definition must meet, whether it comes from
/// configuration (keys like <c>Cameras:0:Quality</c>) or from the dashboard and the API.</summary>
public static partial class CameraRules
{
    /// <summary>Longest display name; longer input is refused, never stored.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest source string or credential.</summary>
    public const int MaxSourceLength = 2048;

    /// <summary>The problems with <paramref name="camera"/>, each as (field, message); the
    /// message starts with <paramref name="prefix"/> and the field name.</summary>
    public static List<(string Field, string Message)> Check(CameraOptions camera, string prefix)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var errors = new List<(string, string)>();
        void Add(string field, string message) => errors.Add((field, $"{prefix}{field} {message}"));

        if (!IdPattern().IsMatch(camera.Id ?? ""))
        {
            Add("Id", $"must be 1-64 letters, digits, '-' or '_' (was '{Shorten(camera.Id)}').");
        }

        if (camera.Name?.Length > MaxNameLength)
        {
            Add("Name", $"must be at most {MaxNameLength} characters.");
        }
        else if (camera.Name?.Any(char.IsControl) == true)
        {
            // It is shown, logged and audited: no new lines, tabs or terminal escapes in it.
            Add("Name", "must not contain control characters (a new line, a tab, an escape).");
        }

        if (string.IsNullOrWhiteSpace(camera.Source))
        {
            Add("Source", $"is required: a device index such as \"0\", a file path, a URL (rtsp://, http://), or \"{CameraSourceSpec.TestPattern}\".");
        }
        else if (camera.Source.Length > MaxSourceLength || camera.Username?.Length > MaxSourceLength || camera.Password?.Length > MaxSourceLength)
        {
            Add("Source", $"and its credentials must be at most {MaxSourceLength} characters.");
        }
        else if (CameraSourceSpec.UrlProblem(camera.Source) is { } problem)
        {
            Add("Source", problem);
        }
        else if (!CameraSourceSpec.IsSupported(camera.Source))
        {
            Add("Source", $"uses a scheme this server cannot open (was '{Shorten(CameraSourceSpec.Redact(camera.Source))}'); use rtsp://, rtsps://, rtmp://, srt://, http:// or https://.");
        }

        if (camera.Substream is { Length: > 0 } substream)
        {
            if (substream.Length > MaxSourceLength)
            {
                Add("Substream", $"must be at most {MaxSourceLength} characters.");
            }
            else if (CameraSourceSpec.UrlProblem(substream) is { } problem)
            {
                Add("Substream", problem);
            }
            else if (!CameraSourceSpec.IsSupported(substream) || CameraSourceSpec.KindOf(substream) is not (SourceKind.Network or SourceKind.Http))
            {
                Add("Substream", $"must be a camera's URL (rtsp://, http://, …) (was '{Shorten(CameraSourceSpec.Redact(substream))}').");
            }
            else if (!SameCredentials(camera, new Uri(substream)))
            {
                Add("Substream", "carries other credentials than the camera's: the substream is opened with the camera's user name and password (Username and Password, or Source's); give them once.");
            }
        }

        if (camera.Transport is { Length: > 0 } transport && !transport.Equals("tcp", StringComparison.OrdinalIgnoreCase) && !transport.Equals("udp", StringComparison.OrdinalIgnoreCase))
        {
            Add("Transport", $"must be \"tcp\" or \"udp\" (was '{Shorten(transport)}').");
        }

        if (camera.Quality is { } quality && !CameraSettings.IsValidQuality(quality, allowOriginal: CameraSourceSpec.MayDeliverJpeg(camera.Source ?? "")))
        {
            Add("Quality", $"must be between {CameraSettings.MinQuality} and {CameraSettings.MaxQuality} (was {quality}); {CameraSettings.Original} (Original) is allowed for network cameras, which may send JPEG.");
        }

        CheckRange(Add, "MaxFps", camera.MaxFps, CameraSettings.MinFps, CameraSettings.MaxFpsLimit);
        if (camera.Width != 0)
        {
            CheckRange(Add, "Width", camera.Width, 16, 7680);
        }

        if (camera.Height != 0)
        {
            CheckRange(Add, "Height", camera.Height, 16, 4320);
        }

        return errors;
    }

    // A substream's URL may repeat the camera's credentials (they are moved out of it when stored), not carry others.
    private static bool SameCredentials(CameraOptions camera, Uri substream)
    {
        if (substream.UserInfo.Length == 0)
        {
            return true;
        }

        var own = Uri.UnescapeDataString(substream.UserInfo);
        var fromFields = camera.Password is null ? camera.Username : $"{camera.Username}:{camera.Password}";
        var fromSource = Uri.TryCreate(camera.Source, UriKind.Absolute, out var source) ? Uri.UnescapeDataString(source.UserInfo) : "";
        return own == fromSource || (!string.IsNullOrEmpty(camera.Username) && own == fromFields);
    }

    private static void CheckRange(Action<string, string> add, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            add(field, $"must be between {min} and {max} (was {value}).");
        }
    }

    private static string Shorten(string? value) => value is { Length: > 80 } ? value[..80] + "…" : value ?? "";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
