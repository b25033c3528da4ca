using System.Security.Cryptography;
using CamDashboard.Auth;
using CamDashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Hosting;

/// <summary>Applies migrations and makes sure the roles and the first <c>admin</c> user exist.
/// It runs while the host is starting, before any service starts (cameras, bans), so stored
/// cameras, settings and bans are readable when they load, whatever order things were
/// registered in.</summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseInitializer> logger) : IHostedLifecycleService
{
    public const string AdminUserName = "admin";

    // PostgreSQL's advisory lock held while seeding; released with the connection.
    private const long SeedLock = 0x43616d44617368;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        // Nodes that share a server and start together migrate one at a time (EF locks the
        // migrations), and seed one at a time: a second admin or role would break the unique names.
        await db.Database.MigrateAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({SeedLock})", cancellationToken);
        }

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(AdminUserName) is not null)
        {
            return;
        }

        var configured = configuration["Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new IdentityUser(AdminUserName);
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            var errors = string.Join(" ", created.Errors.Select(e => e.Description));
            AuthLog.AdminNotCreated(logger, errors);
            throw new InvalidOperationException($"Admin:Password is not acceptable: {errors}");
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        if (string.IsNullOrEmpty(configured))
        {
            AuthLog.GeneratedAdminPassword(logger, password);
        }
        else
        {
            AuthLog.ConfiguredAdminPassword(logger);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // 18 random characters from an alphabet without look-alikes (0/O, 1/l/I).
    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 18);
}
