using System.Security.Cryptography;
using CamDashboard.Auth;
using CamDashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CamDashboard.Hosting;

/// <summary>Applies migrations and makes sure the roles and the first <c>admin</c> user exist.
/// It runs while the host is starting, before any service starts (cameras, bans), so stored
/// cameras, settings and bans are readable when they load, whatever order things were
/// registered in.</summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DatabaseInitializer> logger) : IHostedLifecycleService
{
    public const string AdminUserName = "admin";

    // PostgreSQL's advisory lock held while migrating and seeding; released with the connection.
    private const long StartLock = 0x43616d44617368;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken);
        // Nodes that share a server and start together migrate and seed one at a time: EF's own
        // migration lock on PostgreSQL is taken per migration, so two nodes each applied the
        // second of two new migrations (a duplicate key in __EFMigrationsHistory stopped one),
        // and a second admin or role would break the unique names.
        if (!db.Database.IsSqlite())
        {
            await CreateIfMissingAsync(db, cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartLock})", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);

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

    /// <summary>Creates the PostgreSQL database when the server lacks it (as EF's migrations would),
    /// so there is a database to hold the lock in; another node creating it first is no error.</summary>
    private static async Task CreateIfMissingAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
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
