using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CamDashboard.Auth;

/// <summary><c>?token=</c> on stream URLs: for clients that cannot send credentials, and for
/// access that must be revocable without touching anyone's password.</summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    StreamTokens tokens,
    AuthThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = Request.Query["token"].ToString();
        if (string.IsNullOrEmpty(secret))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(address, userName: null) is { } wait)
        {
            Context.Items[AuthThrottle.RetryAfterItem] = wait;
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        if (await tokens.AuthenticateAsync(secret) is { } principal)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }

        await throttle.RecordFailureAsync(address, userName: null, "stream token", Context.RequestAborted);
        return AuthenticateResult.Fail("Unknown, revoked or expired stream token.");
    }
}
