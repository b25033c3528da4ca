using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Definitions;

/// <summary>Checks the camera configuration at start-up; every message names the configuration key at fault.</summary>
internal sealed class CameraStreamingOptionsValidator : IValidateOptions<CameraStreamingOptions>
{
    public ValidateOptionsResult Validate(string? name, CameraStreamingOptions options)
    {
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Cameras.Count; i++)
        {
            var camera = options.Cameras[i];
            var key = $"Cameras:{i}:";
            errors.AddRange(CameraRules.Check(camera, key).Select(e => e.Message));
            if (!seen.Add(camera.Id))
            {
                errors.Add($"{key}Id '{camera.Id}' is used by another camera.");
            }
        }

        for (var i = 0; i < options.Sources.AllowedFolders.Count; i++)
        {
            if (!Path.IsPathFullyQualified(options.Sources.AllowedFolders[i]))
            {
                errors.Add($"Sources:AllowedFolders:{i} must be a full path such as /var/lib/camdashboard/videos (was '{options.Sources.AllowedFolders[i]}').");
            }
        }

        if (options.Node.Length > 64 || !options.Node.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add($"Cluster:Node must be up to 64 letters, digits, '-', '_' or '.' (was '{options.Node}').");
        }

        var limits = options.Streaming;
        CheckPositive(errors, "Streaming:StallTimeout", limits.StallTimeout);
        CheckPositive(errors, "Streaming:ReconnectDelay", limits.ReconnectDelay);
        CheckPositive(errors, "Streaming:SnapshotTimeout", limits.SnapshotTimeout);
        CheckPositive(errors, "Streaming:ViewerIdleTimeout", limits.ViewerIdleTimeout);
        CheckPositive(errors, "Streaming:CloseGrace", limits.CloseGrace);
        CheckPositive(errors, "Streaming:StandbyCheckInterval", limits.StandbyCheckInterval);
        if (limits.StandbyAfter < TimeSpan.Zero)
        {
            errors.Add($"Streaming:StandbyAfter must be zero or a positive time span such as \"00:00:10\" (was {limits.StandbyAfter}).");
        }
        if (limits.SendBufferBytes is not 0 and (< 4096 or > 16 * 1024 * 1024))
        {
            errors.Add($"Streaming:SendBufferBytes must be 0 (system default) or from 4096 to 16777216 (was {limits.SendBufferBytes}).");
        }

        if (limits.MaxFrameBytes is < 64 * 1024 or > 256 * 1024 * 1024)
        {
            errors.Add($"Streaming:MaxFrameBytes must be from 65536 to 268435456 (was {limits.MaxFrameBytes}).");
        }

        if (limits.MaxFramePixels is < 1_000_000 or > 268_435_456)
        {
            errors.Add($"Streaming:MaxFramePixels must be from 1000000 to 268435456 (was {limits.MaxFramePixels}).");
        }

        if (limits.MaxStreamsPerUser < 0 || limits.MaxStreamsPerAddress < 0)
        {
            errors.Add("Streaming:MaxStreamsPerUser and Streaming:MaxStreamsPerAddress must be 0 (no cap) or positive.");
        }

        if (limits.MaxReconnectDelay < limits.ReconnectDelay)
        {
            errors.Add("Streaming:MaxReconnectDelay must not be shorter than Streaming:ReconnectDelay.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckPositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be a positive time span such as \"00:00:05\" (was {value}).");
        }
    }
}
