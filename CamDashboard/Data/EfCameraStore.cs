using System.Security.Cryptography;
using System.Text.Json;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Management;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Data;

/// <summary>Keeps cameras added at runtime in SQLite; source passwords are encrypted with data protection.</summary>
internal sealed class EfCameraStore(IDbContextFactory<AppDbContext> contexts, IDataProtectionProvider protection, TimeProvider time) : ICameraStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _passwords = protection.CreateProtector("CamDashboard.CameraSourcePassword");

    public async Task<IReadOnlyList<CameraOptions>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Cameras.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.UpdatedAt).Select(r =>
        {
            var camera = JsonSerializer.Deserialize<CameraOptions>(r.Definition, Json) ?? new CameraOptions();
            camera.Id = r.Id;
            camera.Password = Unprotect(r);
            return camera;
        })];
    }

    private string? Unprotect(StoredCamera row)
    {
        if (row.ProtectedPassword is null)
        {
            return null;
        }

        try
        {
            return _passwords.Unprotect(row.ProtectedPassword);
        }
        catch (CryptographicException)
        {
            // The keys that encrypted it are gone: the camera will report Unauthorized until an
            // admin enters the password again.
            return null;
        }
    }

    public async Task SaveAsync(CameraOptions camera, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(camera);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Cameras.FindAsync([camera.Id], cancellationToken);
        if (row is null)
        {
            row = new StoredCamera { Id = camera.Id, UpdatedAt = time.GetUtcNow() };
            db.Cameras.Add(row);
        }

        var definition = camera.Clone();
        definition.Password = null;
        row.Definition = JsonSerializer.Serialize(definition, Json);
        row.ProtectedPassword = string.IsNullOrEmpty(camera.Password) ? null : _passwords.Protect(camera.Password);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(string cameraId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Cameras.Where(c => c.Id == cameraId).ExecuteDeleteAsync(cancellationToken);
        await db.CameraSettings.Where(c => c.CameraId == cameraId).ExecuteDeleteAsync(cancellationToken);
    }
}
