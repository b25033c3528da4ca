using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using CamDashboard.Streaming.Auditing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CamDashboard.Auth;

/// <summary>HTTP Basic against the Identity users — what VLC, ffmpeg and Home Assistant send.
/// Verification goes through <see cref="CredentialVerifier"/>, which keeps the slow password
/// hash off the path of clients that reconnect with the same credentials.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CredentialVerifier verifier,
    AuthThrottle throttle,
    AuthRefusals refusals) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Challenge = "Basic realm=\"CamDashboard\", charset=\"UTF-8\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!TryDecode(header.Parameter, out var userName, out var password))
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }

        var address = Context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(address, userName) is { } wait)
        {
            Context.Items[AuthThrottle.RetryAfterItem] = wait;
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        var outcome = await verifier.VerifyAsync(userName, password, Context.RequestAborted);
        if (outcome.Principal is null)
        {
            AuthLog.BasicFailed(Logger, LogText.Bounded(userName)!, address?.ToString(), outcome.Failure);
            await throttle.RecordFailureAsync(address, userName, "HTTP Basic", Context.RequestAborted);
            return AuthenticateResult.Fail(outcome.Failure);
        }

        throttle.RecordSuccess(address, userName);
        return AuthenticateResult.Success(new AuthenticationTicket(outcome.Principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[AuthThrottle.RetryAfterItem] is TimeSpan wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "Too many failed attempts",
                $"Too many failed sign-ins from your address; try again in {seconds} s.");
        }

        Response.Headers.WWWAuthenticate = Challenge;
        refusals.Refused(Context.Connection.RemoteIpAddress, Request.Path);
        return Problem(StatusCodes.Status401Unauthorized, "Authentication required",
            "Sign in with HTTP Basic (user and password), the dashboard cookie, or a stream token.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.");

    private Task Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);

    private static bool TryDecode(string? parameter, out string userName, out string password)
    {
        userName = password = "";
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 4096)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        userName = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
