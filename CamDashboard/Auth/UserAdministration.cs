using CamDashboard.Streaming.Auditing;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Auth;

/// <summary>Adds, changes and removes users for the dashboard, each operation in its own scope
/// (a Blazor circuit lives for hours; a DbContext should not). Every change is audited and
/// drops the user's remembered Basic credentials at once. The acting admin is checked against
/// the database each time: a page left open by an admin who has since been removed or demoted
/// can change nothing.</summary>
internal sealed class UserAdministration(IServiceScopeFactory scopes, CredentialVerifier credentials, IAuditTrail audit, ViewerModeration moderation, IViewerRegistry viewers, LiveEvents events)
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
        if (await RefusedAsync(users, by) is { } refused)
        {
            return refused;
        }

        if (name.Trim().Length is 0 or > LogText.MaxLength)
        {
            return [$"A user name is 1 to {LogText.MaxLength} characters."];
        }

        var user = new IdentityUser(name.Trim());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(e => e.Description)];
        }

        await users.AddToRoleAsync(user, Checked(role));
        events.Publish(new UserChanged(user.UserName!, UserChangeKind.Added, by));
        await audit.RecordAsync(by, AuditActions.UserAdded, $"{user.UserName} as {role}", CancellationToken.None);
        return [];
    }

    public async Task<string[]> ResetPasswordAsync(string userId, string password, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await RefusedAsync(users, by) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return [.. reset.Errors.Select(e => e.Description)];
        }

        await users.SetLockoutEndDateAsync(user, null);
        await EndSessionsAsync(user, UserChangeKind.PasswordReset, by);
        await audit.RecordAsync(by, AuditActions.PasswordReset, user.UserName ?? userId, CancellationToken.None);
        return [];
    }

    /// <summary>Changes a user's role; returns the errors, empty on success.</summary>
    public async Task<string[]> SetRoleAsync(string userId, string role, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await RefusedAsync(users, by) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, Checked(role));
        await EndSessionsAsync(user, UserChangeKind.RoleChanged, by);
        await audit.RecordAsync(by, AuditActions.RoleChanged, $"{user.UserName} is now {role}", CancellationToken.None);
        return [];
    }

    /// <summary>Removes a user and ends all they have open; returns the errors, empty on success.</summary>
    public async Task<string[]> RemoveAsync(string userId, string? by)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await RefusedAsync(users, by) is { } refused)
        {
            return refused;
        }

        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        await users.DeleteAsync(user);
        await EndSessionsAsync(user, UserChangeKind.Removed, by);
        await audit.RecordAsync(by, AuditActions.UserRemoved, user.UserName ?? userId, CancellationToken.None);
        return [];
    }

    /// <summary>Ends everything a user has open: every cookie (a new security stamp, checked at
    /// the next request within the revalidation interval), remembered Basic logins, and every
    /// stream and tile socket, at once.</summary>
    public async Task EndSessionsAsync(IdentityUser user, UserChangeKind change, string? by)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByIdAsync(user.Id) is { } stillThere)
            {
                await users.UpdateSecurityStampAsync(stillThere);
            }
        }

        credentials.Forget(user.Id);
        events.Publish(new UserChanged(user.UserName ?? user.Id, change, by));
        foreach (var viewer in viewers.Viewers.Where(v => string.Equals(v.Description.User, user.UserName, StringComparison.OrdinalIgnoreCase)))
        {
            await moderation.KickAsync(viewer.Id, banMinutes: null, by, CancellationToken.None);
        }
    }

    // Null when the acting user is still an admin; otherwise the reason, as the errors to show.
    private static async Task<string[]?> RefusedAsync(UserManager<IdentityUser> users, string? by) =>
        by is not null && await users.FindByNameAsync(by) is { } admin && await users.IsInRoleAsync(admin, Roles.Admin)
            ? null
            : ["Your account is no longer an administrator; sign in again."];

    private static string Checked(string role) =>
        Roles.All.Contains(role) ? role : throw new ArgumentOutOfRangeException(nameof(role), role, "Admin or Viewer.");
}
