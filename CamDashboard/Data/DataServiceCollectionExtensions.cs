using CamDashboard.Data;
using CamDashboard.Hosting;
using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Viewers;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

internal static class DataServiceCollectionExtensions
{
    /// <summary>SQLite through EF Core (<c>ConnectionStrings:CamDashboard</c>, by default a file
    /// in the app's <c>data</c> folder), migrated and seeded at start-up before cameras start.</summary>
    public static IServiceCollection AddCamDashboardData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("CamDashboard");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var folder = Path.Combine(environment.ContentRootPath, "data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "camdashboard.db")}";
        }

        services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite(connectionString));
        services.AddSingleton<ICameraSettingsStore, EfCameraSettingsStore>();
        services.AddSingleton<EfViewerBans>();
        services.AddSingleton<IViewerBans>(sp => sp.GetRequiredService<EfViewerBans>());
        services.AddSingleton<EfAuditTrail>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<EfAuditTrail>());
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
