using CamDashboard.Streaming.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CamDashboard.Account;

/// <summary>Cookie sign-in and sign-out for the dashboard: form posts, with antiforgery
/// checked by the framework, answered with redirects.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/login", LoginAsync).AllowAnonymous();
        account.MapPost("/logout", LogoutAsync);
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<IdentityUser> signIn, IAuditTrail audit, HttpContext context)
    {
        var back = IsLocal(returnUrl) ? returnUrl! : "/";
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect(LoginPage("missing", back));
        }

        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: true, lockoutOnFailure: true);
        var from = context.Connection.RemoteIpAddress?.ToString();
        if (result.Succeeded)
        {
            await audit.RecordAsync(userName, "sign-in", $"from {from}", context.RequestAborted);
            return Results.LocalRedirect(back);
        }

        await audit.RecordAsync(userName, "sign-in failed", result.IsLockedOut ? $"from {from}; account locked" : $"from {from}", context.RequestAborted);
        return Results.LocalRedirect(LoginPage(result.IsLockedOut ? "locked" : "invalid", back));
    }

    private static async Task<IResult> LogoutAsync(SignInManager<IdentityUser> signIn, IAuditTrail audit, HttpContext context)
    {
        await audit.RecordAsync(context.User.Identity?.Name, "sign-out", "", context.RequestAborted);
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    private static string LoginPage(string error, string returnUrl) =>
        $"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    // Only paths on this site: an absolute or protocol-relative URL would be an open redirect.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
