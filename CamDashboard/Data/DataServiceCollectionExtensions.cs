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
    /// <summary>The database through EF Core, migrated and seeded at start-up before cameras start:
    /// <c>Database:Provider</c> <c>Sqlite</c> (the default: <c>ConnectionStrings:CamDashboard</c>,
    /// by default a file in the app's <c>data</c> folder) or <c>PostgreSQL</c> (its connection
    /// string required), which several nodes share.</summary>
    public static IServiceCollection AddCamDashboardData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("CamDashboard");
        var folder = Path.Combine(environment.ContentRootPath, "data");
        switch (DatabaseProviders.Parse(configuration[DatabaseProviders.Key]))
        {
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException($"{DatabaseProviders.Key} is PostgreSQL: ConnectionStrings:CamDashboard must name the server and database, e.g. \"Host=db;Database=camdashboard;Username=camdashboard;Password=...\".");
                }

                Directory.CreateDirectory(folder);
                services.AddDbContextFactory<PostgresDbContext>(o => o.UseNpgsql(connectionString).ConfigureWarnings(QuietFailures));
                services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<PostgresDbContext>>();
                services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
                // Every node reads the keys from the database they protect the data of.
                services.AddDataProtection().SetApplicationName("CamDashboard").PersistKeysToDbContext<PostgresDbContext>();
                break;
            case DatabaseProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    Directory.CreateDirectory(folder);
                    connectionString = $"Data Source={Path.Combine(folder, "camdashboard.db")}";
                }
                else
                {
                    var file = SqliteFile(connectionString);
                    folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? folder;
                }

                services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(connectionString).ConfigureWarnings(QuietFailures));
                AddKeysBeside(services, folder);
                break;
        }

        // Video files added from the dashboard live beside the data unless Sources:AllowedFolders says otherwise.
        services.PostConfigure<CamDashboard.Streaming.Definitions.CameraStreamingOptions>(o =>
        {
            if (o.Sources.AllowedFolders.Count == 0)
            {
                o.Sources.AllowedFolders.Add(Path.Combine(folder, "videos"));
            }
        });
        services.AddSingleton<ICameraSettingsStore, EfCameraSettingsStore>();
        services.AddSingleton<CamDashboard.Streaming.Activity.IActivityHistory, EfActivityHistory>();
        services.AddSingleton<ICameraStore, EfCameraStore>();
        services.AddSingleton<CamDashboard.Groups.ICameraGroupStore, EfCameraGroupStore>();
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

    private static string SqliteFile(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString).DataSource;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:CamDashboard is not a SQLite connection string ({ex.Message}); for a PostgreSQL server set {DatabaseProviders.Key} to PostgreSQL.", ex);
        }
    }

    // EF logs every failed command with its stack, and the failure is logged again where it ends
    // (once a minute by StorageHealth for a full disk; as an unhandled error otherwise): its own
    // lines are kept for debugging.
    private static void QuietFailures(WarningsConfigurationBuilder warnings) => warnings.Log(
        (RelationalEventId.CommandError, LogLevel.Debug),
        (RelationalEventId.ConnectionError, LogLevel.Debug),
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (CoreEventId.QueryIterationFailed, LogLevel.Debug));

    // Keys live with the data they protect (camera source passwords, cookies): a restart, or a
    // HOME that cannot be written, must not make stored passwords unreadable. Linux has no DPAPI:
    // the keys are protected at rest by being readable by this user only (like the database file).
    private static void AddKeysBeside(IServiceCollection services, string folder)
    {
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
    }

    /// <summary>The provider's context, handed out as the <see cref="AppDbContext"/> every store uses.</summary>
    private sealed class AppDbContextFactory<TContext>(IDbContextFactory<TContext> contexts) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => contexts.CreateDbContext();
    }
}
