using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Management;

/// <summary>The one way cameras are added, changed and removed at runtime — from the API or the
/// dashboard: validated by <see cref="CameraRules"/>, stored, applied without a restart, and
/// audited. Cameras from configuration keep their definition (only their settings change).
/// Edits are applied one at a time, so twelve adds of one id at once are one add and eleven
/// conflicts. A definition is stored with its credentials out of its URLs (only the password
/// field is kept, encrypted).</summary>
public sealed class CameraAdministration(
    CameraCatalog cameras,
    ICameraStore store,
    CameraSettingsUpdater settings,
    IViewerRegistry viewers,
    IAuditTrail audit,
    IOptions<CameraStreamingOptions> options,
    ILogger<CameraAdministration> logger) : IDisposable
{
    private readonly SemaphoreSlim _editing = new(1, 1);
    private readonly SourceFolders _folders = new([.. options.Value.Sources.AllowedFolders]);

    /// <summary>Shown when the first camera replaces the test patterns.</summary>
    public const string TestPatternsRemoved = "The built-in test patterns were removed: your cameras replace them.";

    /// <summary>Shown when the last camera's removal brings the test patterns back.</summary>
    public const string TestPatternsBack = "That was the last camera: the built-in test patterns are back until you add one.";

    /// <summary>Adds a camera. The built-in test patterns make way for the first one added.</summary>
    public async Task<CameraEditResult> AddAsync(CameraOptions definition, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await _editing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AddOneAsync(definition.WithCredentialsApart(), by, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _editing.Release();
        }
    }

    /// <summary>Replaces a dashboard camera's definition; a null password keeps the stored one,
    /// unless the source moved to another host (the password is not sent to a host it was not
    /// given for). Its viewers stay connected and see the new source's frames.</summary>
    public async Task<CameraEditResult> UpdateAsync(string id, CameraOptions definition, string? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await _editing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await UpdateOneAsync(id, definition.WithCredentialsApart(), by, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _editing.Release();
        }
    }

    /// <summary>Removes a dashboard camera and ends every connection watching it.</summary>
    public async Task<CameraEditResult> RemoveAsync(string id, string? by, CancellationToken cancellationToken)
    {
        await _editing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RemoveOneAsync(id, by, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _editing.Release();
        }
    }

    /// <summary>Follows a change another node of the cluster made to a dashboard camera: reads
    /// the camera from the store they share and adds, redefines or removes it here, without
    /// storing, auditing or announcing it again.</summary>
    public async Task FollowAsync(string id, CancellationToken cancellationToken)
    {
        await _editing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = (await store.LoadAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
            var camera = cameras.Find(id);
            if (camera is { Origin: CameraOrigin.Configuration })
            {
                return;
            }

            if (stored is null)
            {
                if (camera is { Origin: CameraOrigin.Dashboard })
                {
                    Remove(camera, followed: true);
                    cameras.AddBuiltInsIfEmpty(followed: true);
                }
            }
            else if (camera is { Origin: CameraOrigin.Dashboard })
            {
                cameras.Redefine(camera, stored, followed: true);
            }
            else
            {
                foreach (var builtIn in cameras.All.Where(c => c.Origin == CameraOrigin.BuiltIn).ToList())
                {
                    Remove(builtIn, followed: true);
                }

                cameras.Add(stored, CameraOrigin.Dashboard, followed: true);
            }
        }
        finally
        {
            _editing.Release();
        }
    }

    public void Dispose() => _editing.Dispose();

    private List<(string Field, string Message)> Check(CameraOptions definition)
    {
        var errors = CameraRules.Check(definition, "");
        if (_folders.Refusal(definition) is { } refusal)
        {
            errors.Add(("Source", refusal));
        }

        return errors;
    }

    private async Task<CameraEditResult> AddOneAsync(CameraOptions definition, string? by, CancellationToken cancellationToken)
    {
        var errors = Check(definition);
        if (errors.Count > 0)
        {
            return CameraEditResult.Invalid(errors);
        }

        if (cameras.Find(definition.Id) is { Origin: not CameraOrigin.BuiltIn })
        {
            return CameraEditResult.Conflict($"A camera with the id '{definition.Id}' exists.");
        }

        // Stored first: a store that fails (a full disk) leaves everything running as it was.
        await store.SaveAsync(definition, cancellationToken).ConfigureAwait(false);
        var builtIns = cameras.All.Where(c => c.Origin == CameraOrigin.BuiltIn).ToList();
        foreach (var builtIn in builtIns)
        {
            Remove(builtIn);
        }

        if (cameras.Add(definition.Clone(), CameraOrigin.Dashboard) is not { } camera)
        {
            return CameraEditResult.Conflict($"A camera with the id '{definition.Id}' exists.");
        }

        await RecordAsync(by, AuditActions.CameraAdded, camera, cancellationToken).ConfigureAwait(false);
        return CameraEditResult.Done(camera, builtIns.Count > 0 ? TestPatternsRemoved : null);
    }

    private async Task<CameraEditResult> UpdateOneAsync(string id, CameraOptions definition, string? by, CancellationToken cancellationToken)
    {
        if (Editable(id) is { } refusal)
        {
            return refusal;
        }

        var camera = cameras.Find(id)!;
        var updated = definition.Clone();
        updated.Id = camera.Id;
        if (SameServer(camera.Options.Source, updated.Source))
        {
            updated.Password ??= camera.Options.Password;
        }

        var errors = Check(updated);
        if (errors.Count > 0)
        {
            return CameraEditResult.Invalid(errors);
        }

        await store.SaveAsync(updated, cancellationToken).ConfigureAwait(false);
        var current = camera.Settings;
        cameras.Redefine(camera, updated);
        var quality = updated.Quality ?? (current.IsValidFor(camera.MayDeliverJpeg) ? current.Quality : updated.EffectiveQuality);
        var wanted = current with { Quality = quality, MaxFps = updated.MaxFps };
        if (wanted != current)
        {
            await settings.ApplyAsync(camera, wanted, by, cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(by, AuditActions.CameraChanged, camera, cancellationToken).ConfigureAwait(false);
        return CameraEditResult.Done(camera);
    }

    private async Task<CameraEditResult> RemoveOneAsync(string id, string? by, CancellationToken cancellationToken)
    {
        if (Editable(id) is { } refusal)
        {
            return refusal;
        }

        var camera = cameras.Find(id)!;
        await store.DeleteAsync(camera.Id, cancellationToken).ConfigureAwait(false);
        Remove(camera);
        await RecordAsync(by, AuditActions.CameraRemoved, camera, cancellationToken).ConfigureAwait(false);
        // As at start-up: with no camera at all, the test patterns show that the server works.
        return CameraEditResult.Done(camera, cameras.AddBuiltInsIfEmpty() ? TestPatternsBack : null);
    }

    // Scheme, host and port: where a stored password may go.
    private static bool SameServer(string before, string after) =>
        Uri.TryCreate(before, UriKind.Absolute, out var a) && Uri.TryCreate(after, UriKind.Absolute, out var b)
            ? a.Scheme == b.Scheme && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port
            : before == after;

    private CameraEditResult? Editable(string id) => cameras.Find(id) switch
    {
        null => CameraEditResult.NotFound(id),
        { Origin: CameraOrigin.Configuration } => CameraEditResult.Conflict($"Camera '{id}' is defined in the configuration (appsettings.json); change it there."),
        { Origin: CameraOrigin.BuiltIn } => CameraEditResult.Conflict($"Camera '{id}' is a built-in test pattern; it goes away when you add a camera."),
        _ => null,
    };

    private void Remove(Camera camera, bool followed = false)
    {
        if (!cameras.Remove(camera, followed))
        {
            return;
        }

        foreach (var viewer in viewers.Viewers.Where(v => string.Equals(v.Description.CameraId, camera.Id, StringComparison.OrdinalIgnoreCase)))
        {
            viewers.Kick(viewer.Id);
        }
    }

    private async Task RecordAsync(string? by, string action, Camera camera, CancellationToken cancellationToken)
    {
        var change = action["camera-".Length..] switch { "add" => "added", "edit" => "changed", _ => "removed" };
        StreamingLog.CameraChanged(logger, camera.Id, change, by);
        var state = camera.Enabled ? "" : ", disabled";
        await audit.RecordAsync(by, action, $"{camera.Label}: {camera.Source}{state}", cancellationToken).ConfigureAwait(false);
    }
}
