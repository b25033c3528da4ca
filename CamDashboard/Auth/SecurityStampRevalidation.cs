using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CamDashboard.Auth;

/// <summary>Re-checks an open dashboard circuit's user against the database every
/// <see cref="Interval"/>: a removed user, or one whose password, role or sessions changed
/// (a new security stamp), loses the circuit's authentication then, as cookies do at their
/// next request (the same interval).</summary>
internal sealed class SecurityStampRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>How stale a session may be: cookies, circuits and remembered Basic logins alike.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var principal = authenticationState.User;
        if (principal.HasClaim(c => c.Type == StreamTokens.IdClaimType))
        {
            // A kiosk: its session lasts as long as its token.
            return await scope.ServiceProvider.GetRequiredService<StreamTokens>().IsValidAsync(principal);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
