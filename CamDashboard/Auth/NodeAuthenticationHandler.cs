using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CamDashboard.Cluster;
using CamDashboard.Streaming.Sources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CamDashboard.Auth;

/// <summary><c>Authorization: Node NAME:SECRET</c>: another node of the cluster, relaying a
/// camera this node captures. It proves itself with <c>Cluster:Secret</c>, never a user's
/// password, and may watch every camera (as a viewer named <c>node:NAME</c>). Without a
/// cluster nobody is a node.</summary>
internal sealed class NodeAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ClusterOptions> cluster,
    AuthThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Prefix = "Node ";

    /// <summary>The header this node presents to <paramref name="secret"/>'s other nodes.</summary>
    public static string HeaderFor(string node, string secret) => Prefix + node + ":" + secret;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(address, userName: null) is { } wait)
        {
            Context.Items[AuthThrottle.RetryAfterItem] = wait;
            return AuthenticateResult.Fail("Too many failed attempts from this address.");
        }

        var (node, secret) = header[Prefix.Length..].Split(':', 2) is [var n, var s] ? (n, s) : ("", "");
        if (cluster.Value is not { IsClustered: true, Secret: { Length: > 0 } expected } || node.Length == 0 || !SameSecret(secret, expected))
        {
            await throttle.RecordFailureAsync(address, userName: null, "cluster secret", Context.RequestAborted);
            return AuthenticateResult.Fail("Not a node of this cluster.");
        }

        var identity = new ClaimsIdentity(
            [new(ClaimTypes.Name, "node:" + node), new(ClaimTypes.Role, Roles.Viewer), new(CameraRelay.NodeClaimType, node)],
            Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    // Hashes first: equal lengths for the constant-time comparison, whatever was sent.
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
