using CamDashboard.Auth;
using CamDashboard.Streaming.Auditing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CamDashboard.Account;

/// <summary>Cookie sign-in and sign-out for the dashboard: form posts answered with redirects.
/// Both check the form's antiforgery token here, not through the framework's filter: a stale
/// sign-in tab (or a forged post) gets the sign-in page again, not a 500 (the status page,
/// re-executed for the framework's refusal, checked the token a second time and threw).</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/login", LoginAsync).AllowAnonymous().DisableAntiforgery();
        account.MapPost("/logout", LogoutAsync).DisableAntiforgery();
        endpoints.MapGet(KioskSessions.Route, KioskSessions.SignInAsync).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, AuthThrottle throttle, IAuditTrail audit, IAntiforgery antiforgery, HttpContext context)
    {
        var back = IsLocal(returnUrl) ? returnUrl! : $"{context.Request.PathBase}/";
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.LocalRedirect(LoginPage("expired", back));
        }

        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect(LoginPage("missing", back));
        }

        var address = context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(address, userName) is not null)
        {
            return Results.LocalRedirect(LoginPage("throttled", back, userName));
        }

        // No user name is longer (UserAdministration refuses them): do not even look one up. An
        // unknown name costs a hash all the same, so the answer's timing tells nothing.
        var user = userName.Length > LogText.MaxLength ? null : await users.FindByNameAsync(userName);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            CredentialVerifier.SpendAHash(context.RequestServices, password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: false);
        }
        if (result.Succeeded)
        {
            throttle.RecordSuccess(address, userName);
            await audit.RecordAsync(userName, AuditActions.SignedIn, $"from {address}", context.RequestAborted);
            return Results.LocalRedirect(back);
        }

        await throttle.RecordFailureAsync(address, userName, "sign-in form", context.RequestAborted);
        return Results.LocalRedirect(LoginPage(result.IsLockedOut ? "locked" : "invalid", back, userName));
    }

    private static async Task<IResult> LogoutAsync(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, IAuditTrail audit, IAntiforgery antiforgery, HttpContext context)
    {
        // Only this site's own form signs its user out: another site's post does nothing.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Form expired", detail: "Sign out from the dashboard's own page.");
        }

        await audit.RecordAsync(context.User.Identity?.Name, AuditActions.SignedOut, "", context.RequestAborted);
        // Server-side: a new security stamp makes this cookie (and any copy of it) worthless,
        // not only the browser's deleting it.
        if (await users.GetUserAsync(context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("~/account/login");
    }

    // The user name comes back (not the password), so a mistyped password costs one field, not two;
    // one longer than any user name could be is not worth keeping.
    private static string LoginPage(string error, string returnUrl, string? userName = null) =>
        $"~/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}"
        + (userName is { Length: > 0 and <= LogText.MaxLength } ? $"&userName={Uri.EscapeDataString(userName)}" : "");

    // Only paths on this site: an absolute or protocol-relative URL would be an open redirect, and
    // a control character (a tab, CR/LF) is refused by the redirect itself, which would be a 500.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
