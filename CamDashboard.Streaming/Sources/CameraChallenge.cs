using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CamDashboard.Streaming.Sources;

/// <summary>A camera's answer to "who are you": a Basic or Digest challenge (RFC 7617, RFC 7616),
/// kept so that every later request of the same source carries its credentials up front instead
/// of being refused once first. A Digest challenge's nonce is reused with a growing count, as
/// the RFC intends, until the camera says it is stale. Used for HTTP cameras and the RTSP probe.</summary>
internal sealed partial class CameraChallenge
{
    private readonly NetworkCredential _credential;
    private readonly Dictionary<string, string> _digest;
    private readonly bool _isDigest;
    private int _count;

    private CameraChallenge(NetworkCredential credential, bool isDigest, Dictionary<string, string> parameters)
    {
        _credential = credential;
        _isDigest = isDigest;
        _digest = parameters;
    }

    /// <summary>The challenge in a 401's <c>WWW-Authenticate</c> values (Digest preferred), or
    /// null when none is one this client answers.</summary>
    public static CameraChallenge? From(IEnumerable<string> wwwAuthenticate, NetworkCredential credential)
    {
        CameraChallenge? basic = null;
        foreach (var value in wwwAuthenticate)
        {
            if (value.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
            {
                var parameters = Parameters(value["Digest ".Length..]);
                var algorithm = parameters.GetValueOrDefault("algorithm", "MD5").ToUpperInvariant();
                if (parameters.ContainsKey("nonce") && algorithm is "MD5" or "MD5-SESS" or "SHA-256" or "SHA-256-SESS")
                {
                    return new CameraChallenge(credential, isDigest: true, parameters);
                }
            }
            else if (value.StartsWith("Basic", StringComparison.OrdinalIgnoreCase))
            {
                basic = new CameraChallenge(credential, isDigest: false, []);
            }
        }

        return basic;
    }

    /// <summary>Whether a refusal of a Digest answer only says the nonce expired (answer again with the new one).</summary>
    public static bool IsStale(IEnumerable<string> wwwAuthenticate) =>
        wwwAuthenticate.Any(v => v.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase) &&
            string.Equals(Parameters(v["Digest ".Length..]).GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The <c>Authorization</c> value for a request of <paramref name="method"/> to <paramref name="uri"/>.</summary>
    public string Authorization(string method, string uri)
    {
        if (!_isDigest)
        {
            return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credential.UserName}:{_credential.Password}"));
        }

        var algorithm = _digest.GetValueOrDefault("algorithm", "MD5");
        var sha256 = algorithm.StartsWith("SHA-256", StringComparison.OrdinalIgnoreCase);
        var session = algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        var realm = _digest.GetValueOrDefault("realm", "");
        var nonce = _digest["nonce"];
        var qop = _digest.TryGetValue("qop", out var offered) && offered.Split(',').Any(q => q.Trim() == "auth") ? "auth" : null;
        var nc = Interlocked.Increment(ref _count).ToString("x8", CultureInfo.InvariantCulture);
        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var ha1 = Hash(sha256, $"{_credential.UserName}:{realm}:{_credential.Password}");
        if (session)
        {
            ha1 = Hash(sha256, $"{ha1}:{nonce}:{cnonce}");
        }

        var ha2 = Hash(sha256, $"{method}:{uri}");
        var response = qop is null ? Hash(sha256, $"{ha1}:{nonce}:{ha2}") : Hash(sha256, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
        var header = new StringBuilder("Digest ");
        header.Append(CultureInfo.InvariantCulture, $"username=\"{Quote(_credential.UserName)}\", realm=\"{Quote(realm)}\", nonce=\"{Quote(nonce)}\", uri=\"{Quote(uri)}\", algorithm={algorithm}, response=\"{response}\"");
        if (qop is not null)
        {
            header.Append(CultureInfo.InvariantCulture, $", qop={qop}, nc={nc}, cnonce=\"{cnonce}\"");
        }

        if (_digest.TryGetValue("opaque", out var opaque))
        {
            header.Append(CultureInfo.InvariantCulture, $", opaque=\"{Quote(opaque)}\"");
        }

        return header.ToString();
    }

    private static string Hash(bool sha256, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5351 // MD5 is what Digest cameras speak (RFC 7616 keeps it for compatibility).
        return Convert.ToHexStringLower(sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
#pragma warning restore CA5351
    }

    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static Dictionary<string, string> Parameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Parameter().Matches(text))
        {
            parameters[match.Groups["name"].Value] = match.Groups["quoted"].Success
                ? match.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal)
                : match.Groups["token"].Value;
        }

        return parameters;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z0-9_-]+)\s*=\s*(?:""(?<quoted>(?:[^""\\]|\\.)*)""|(?<token>[^\s,]+))")]
    private static partial Regex Parameter();
}
