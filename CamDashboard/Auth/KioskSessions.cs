using CamDashboard.Streaming.Auditing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CamDashboard.Auth;

/// <summary>A wall screen signed in with a stream token (<c>/kiosk?token=…</c>): the token's
/// principal in a cookie, so that the dashboard's pages and sockets work without the token in
/// every URL. The cookie holds only as long as the token: revoked or expired, the next request
/// and the open circuit (<see cref="SecurityStampRevalidation"/>) end it.</summary>
internal static class KioskSessions
{
    /// <summary>The kiosk's sign-in address.</summary>
    public const string Route = "/kiosk";

    /// <summary>Signs the token's principal in with a cookie and sends the browser to the grid:
    /// the group's cameras (if one is named), fitted to the screen, without menus.</summary>
    public static async Task<IResult> SignInAsync(HttpContext context, string? group, IAuditTrail audit)
    {
        // ?token= made the default scheme ask the token handler: its principal, or its refusal.
        var result = await context.AuthenticateAsync(AuthSchemes.Token);
        if (context.Items.TryGetValue(AuthThrottle.RetryAfterItem, out var wait) && wait is TimeSpan retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins from this address", detail: "Wait, then open the kiosk address again.");
        }

        if (!result.Succeeded || result.Principal is not { } principal)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "This kiosk address does not work",
                detail: "Its token is missing, unknown, revoked or expired. An admin can make a new one under Stream tokens.");
        }

        var identity = new System.Security.Claims.ClaimsIdentity(principal.Claims, IdentityConstants.ApplicationScheme, System.Security.Claims.ClaimTypes.Name, System.Security.Claims.ClaimTypes.Role);
        // Persistent: a wall tablet that restarts comes back by itself (for as long as the token lasts).
        await context.SignInAsync(IdentityConstants.ApplicationScheme, new System.Security.Claims.ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
        await audit.RecordAsync(principal.Identity?.Name, AuditActions.KioskOpened, group is null ? "all cameras" : $"group {group}", context.RequestAborted);
        var query = group is null ? "?kiosk=1" : $"?kiosk=1&group={Uri.EscapeDataString(group)}";
        return Results.Redirect($"{context.Request.PathBase}/{query}");
    }

    /// <summary>The cookie's check on every request.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.HasClaim(c => c.Type == StreamTokens.IdClaimType) != true)
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
            return;
        }

        if (!await context.HttpContext.RequestServices.GetRequiredService<StreamTokens>().IsValidAsync(context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
