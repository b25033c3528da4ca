using System.Globalization;
using System.Text.RegularExpressions;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>Reads FFmpeg's log: what the input turned out to be, how fast it arrives, and why it
/// failed. Every line is redacted before it is kept, since FFmpeg prints the input URL with its
/// credentials.</summary>
internal sealed partial class FfmpegOutput
{
    private const int KeptLines = 20;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private (long Frames, long At) _lastProgress;

    /// <summary>"H.264 over RTSP, 640×360, 15 fps", once FFmpeg has described the input.</summary>
    public string? Description { get; private set; }

    /// <summary>FFmpeg's name of the input's video codec ("h264", "mjpeg"), once described.</summary>
    public string? Codec { get; private set; }

    /// <summary>The input's picture size, once described (0 before).</summary>
    public (int Width, int Height) Size { get; private set; }

    /// <summary>The frame rate the input declares, if it does.</summary>
    public double? Fps { get; private set; }

    /// <summary>The input's frames per second as FFmpeg took them in (those dropped above the wanted
    /// rate included), from its once-a-second progress line: the source's own rate, even while
    /// fewer are delivered.</summary>
    public double? InputFps { get; private set; }

    /// <summary>Set when FFmpeg has described the input.</summary>
    public ManualResetEventSlim Described { get; } = new();

    /// <summary>Takes one line of FFmpeg's log; returns it redacted to be logged, or null for a
    /// progress line (one a second: read, not kept).</summary>
    public string? Add(string line, string scheme)
    {
        if (Progress().Match(line) is { Success: true } progress)
        {
            OnProgress(long.Parse(progress.Groups["frame"].Value, CultureInfo.InvariantCulture)
                + (progress.Groups["drop"].Success ? long.Parse(progress.Groups["drop"].Value, CultureInfo.InvariantCulture) : 0));
            return null;
        }

        var redacted = CameraSourceSpec.RedactText(line);
        lock (_gate)
        {
            if (_lines.Count == KeptLines)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(redacted);
            if (Description is null && VideoStream().Match(redacted) is { Success: true } video)
            {
                var fps = video.Groups["fps"].Success ? $", {video.Groups["fps"].Value} fps" : "";
                Codec = video.Groups["codec"].Value;
                Size = (int.Parse(video.Groups["w"].Value, CultureInfo.InvariantCulture), int.Parse(video.Groups["h"].Value, CultureInfo.InvariantCulture));
                Fps = video.Groups["fps"].Success && double.TryParse(video.Groups["fps"].Value, CultureInfo.InvariantCulture, out var declared) && declared > 0 ? declared : null;
                Description = $"{CodecName(Codec)} over {scheme.ToUpperInvariant()}, {video.Groups["w"].Value}×{video.Groups["h"].Value}{fps}";
                Described.Set();
            }
        }

        return redacted;
    }

    private void OnProgress(long frames)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_gate)
        {
            var (lastFrames, lastAt) = _lastProgress;
            // A new FFmpeg (a restart) counts from zero again.
            if (lastAt != 0 && frames >= lastFrames && System.Diagnostics.Stopwatch.GetElapsedTime(lastAt, now) is { TotalSeconds: > 0.5 } elapsed)
            {
                InputFps = Math.Round((frames - lastFrames) / elapsed.TotalSeconds, 1);
            }

            _lastProgress = (frames, now);
        }
    }

    /// <summary>Why FFmpeg ended before sending a frame, as precisely as its log tells.</summary>
    public CameraSourceException Failure(string host)
    {
        string[] lines;
        lock (_gate)
        {
            lines = [.. _lines];
        }

        var all = string.Join('\n', lines);
        var last = lines.LastOrDefault(l => l.Length > 0 && !l.StartsWith("  ", StringComparison.Ordinal)) ?? "FFmpeg ended without a message.";
        if (all.Contains("401 Unauthorized", StringComparison.Ordinal) || all.Contains("403 Forbidden", StringComparison.Ordinal))
        {
            return new CameraSourceException(SourceFault.Unauthorized, $"The camera refused the credentials ({(all.Contains("401", StringComparison.Ordinal) ? "401 Unauthorized" : "403 Forbidden")}).");
        }

        if (all.Contains("Connection refused", StringComparison.Ordinal))
        {
            return new CameraSourceException(SourceFault.Unreachable, $"{host} refused the connection.");
        }

        if (all.Contains("Name or service not known", StringComparison.Ordinal) || all.Contains("resolve", StringComparison.OrdinalIgnoreCase) || all.Contains("Temporary failure in name resolution", StringComparison.Ordinal))
        {
            return new CameraSourceException(SourceFault.Unreachable, $"The name '{host}' could not be resolved.");
        }

        foreach (var unreachable in (string[])["No route to host", "Network is unreachable", "Connection timed out", "timed out"])
        {
            if (all.Contains(unreachable, StringComparison.OrdinalIgnoreCase))
            {
                return new CameraSourceException(SourceFault.Unreachable, $"{host} could not be reached ({unreachable.ToLowerInvariant()}).");
            }
        }

        return new CameraSourceException($"FFmpeg: {last}");
    }

    private static string CodecName(string codec) => codec switch
    {
        "h264" => "H.264",
        "hevc" => "H.265",
        "mjpeg" => "MJPEG",
        _ => codec,
    };

    [GeneratedRegex(@"^frame=\s*(?<frame>\d+)\b(?:.*?\bdrop=(?<drop>\d+))?")]
    private static partial Regex Progress();

    [GeneratedRegex(@"Stream #\d+:\d+.*?: Video: (?<codec>\w+).*?, (?<w>\d{2,5})x(?<h>\d{2,5})(?:.*?, (?<fps>[\d.]+) fps)?")]
    private static partial Regex VideoStream();
}
