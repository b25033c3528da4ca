using CamDashboard.Data;
using CamDashboard.Hosting;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Endpoints;
using CamDashboard.Streaming.Management;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

internal static class DataServiceCollectionExtensions
{
    /// <summary>SQLite through EF Core (<c>ConnectionStrings:CamDashboard</c>, by default a file
    /// in the app's <c>data</c> folder), migrated and seeded at start-up before cameras start.</summary>
    public static IServiceCollection AddCamDashboardData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("CamDashboard");
        string folder;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            folder = Path.Combine(environment.ContentRootPath, "data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "camdashboard.db")}";
        }
        else
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? environment.ContentRootPath;
        }

        // Keys live with the data they protect (camera source passwords, cookies): a restart, or
        // a HOME that cannot be written, must not make stored passwords unreadable.
        // Linux has no DPAPI: the keys are protected at rest by being readable by this user only
        // (like the database itself).
        var keys = Path.Combine(folder, "keys");
        if (OperatingSystem.IsWindows())
        {
            services.AddDataProtection().SetApplicationName("CamDashboard").PersistKeysToFileSystem(new DirectoryInfo(keys)).ProtectKeysWithDpapi();
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            services.AddDataProtection().SetApplicationName("CamDashboard").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        // EF logs every failed command with its stack, and the failure is logged again where it ends
        // (once a minute by StorageHealth for a full disk; as an unhandled error otherwise): its own
        // lines are kept for debugging.
        services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(connectionString).ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug))));
        // Video files added from the dashboard live beside the data unless Sources:AllowedFolders says otherwise.
        services.PostConfigure<CamDashboard.Streaming.Definitions.CameraStreamingOptions>(o =>
        {
            if (o.Sources.AllowedFolders.Count == 0)
            {
                o.Sources.AllowedFolders.Add(Path.Combine(folder, "videos"));
            }
        });
        services.AddSingleton<ICameraSettingsStore, EfCameraSettingsStore>();
        services.AddSingleton<ICameraStore, EfCameraStore>();
        services.AddSingleton<IBanStore, EfBanStore>();
        services.AddSingleton<EfAuditTrail>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<EfAuditTrail>());
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton(sp => new StorageHealth(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StorageHealth>>(), folder));
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddExceptionHandler<StorageFailureHandler>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Live, HealthTags.Ready]);
        return services;
    }
}
