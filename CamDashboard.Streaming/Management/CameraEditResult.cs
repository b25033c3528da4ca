using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Streaming.Management;

/// <summary>How a camera edit ended.</summary>
public enum CameraEditStatus
{
    /// <summary>Saved and applied.</summary>
    Done,

    /// <summary>The definition breaks a rule; see <see cref="CameraEditResult.Errors"/>.</summary>
    Invalid,

    /// <summary>No camera has that id.</summary>
    NotFound,

    /// <summary>The id is taken, or the camera is defined in configuration.</summary>
    Conflict,
}

/// <summary>The outcome of adding, changing or removing a camera. When done, <see cref="Message"/>
/// says what else changed, if anything; otherwise why nothing did.</summary>
public sealed record CameraEditResult(CameraEditStatus Status, Camera? Camera, IReadOnlyDictionary<string, string[]> Errors, string? Message = null)
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    /// <summary>Done; <paramref name="note"/> says what else happened (the test patterns went or came back).</summary>
    internal static CameraEditResult Done(Camera? camera, string? note = null) => new(CameraEditStatus.Done, camera, NoErrors, note);

    internal static CameraEditResult NotFound(string id) => new(CameraEditStatus.NotFound, null, NoErrors, $"No camera has the id '{id}'.");

    internal static CameraEditResult Conflict(string message) => new(CameraEditStatus.Conflict, null, NoErrors, message);

    internal static CameraEditResult Invalid(IEnumerable<(string Field, string Message)> errors) => new(
        CameraEditStatus.Invalid,
        null,
        errors.GroupBy(e => JsonName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        "The camera definition is not valid.");

    private static string JsonName(string field) => char.ToLowerInvariant(field[0]) + field[1..];
}
