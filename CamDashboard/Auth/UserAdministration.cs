using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Auth;

/// <summary>Adds, changes and removes users for the dashboard, each operation in its own scope
/// (a Blazor circuit lives for hours; a DbContext should not). Every change is audited and
/// drops the user's remembered Basic credentials at once.</summary>
internal sealed class UserAdministration(IServiceScopeFactory scopes, CredentialVerifier credentials, IAuditTrail audit, ViewerModeration moderation, IViewerRegistry viewers)
{
    public sealed record UserRow(string Id, string Name, string Role, bool LockedOut);

    public async Task<List<UserRow>> ListAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var rows = new List<UserRow>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var roles = await users.GetRolesAsync(user);
            rows.Add(new UserRow(user.Id, user.UserName ?? "", roles.Contains(Roles.Admin) ? Roles.Admin : Roles.Viewer, await users.IsLockedOutAsync(user)));
        }

        return rows;
    }

    /// <summary>Creates a user; returns the errors, empty on success.</summary>
    public async Task<string[]> CreateAsync(string name, string password, string role, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(name.Trim());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(e => e.Description)];
        }

        await users.AddToRoleAsync(user, Checked(role));
        await audit.RecordAsync(by, "user added", $"{user.UserName} as {role}", CancellationToken.None);
        return [];
    }

    public async Task<string[]> ResetPasswordAsync(string userId, string password, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return [.. reset.Errors.Select(e => e.Description)];
        }

        await users.SetLockoutEndDateAsync(user, null);
        credentials.Forget(user.Id);
        await audit.RecordAsync(by, "password reset", user.UserName ?? userId, CancellationToken.None);
        return [];
    }

    public async Task SetRoleAsync(string userId, string role, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, Checked(role));
        await users.UpdateSecurityStampAsync(user);
        credentials.Forget(user.Id);
        await audit.RecordAsync(by, "role changed", $"{user.UserName} is now {role}", CancellationToken.None);
    }

    public async Task RemoveAsync(string userId, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        await users.DeleteAsync(user);
        credentials.Forget(user.Id);
        foreach (var viewer in viewers.Viewers.Where(v => string.Equals(v.Description.User, user.UserName, StringComparison.OrdinalIgnoreCase)))
        {
            await moderation.KickAsync(viewer.Id, banMinutes: null, by, CancellationToken.None);
        }

        await audit.RecordAsync(by, "user removed", user.UserName ?? userId, CancellationToken.None);
    }

    private static string Checked(string role) =>
        Roles.All.Contains(role) ? role : throw new ArgumentOutOfRangeException(nameof(role), role, "Admin or Viewer.");
}
