using System.Globalization;
using CamDashboard.Auth;
using CamDashboard.Data;
using CamDashboard.Streaming;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Endpoints;
using Microsoft.Extensions.Options;

namespace CamDashboard.Api;

/// <summary><c>/api/tokens</c> (admin): stream tokens from a script, as the Stream tokens page
/// makes them. The secret is in the answer to the <c>POST</c> only, never again.</summary>
internal static class TokenApi
{
    /// <summary>The longest lifetime a token may be given: a year.</summary>
    public const int MaxExpiresInMinutes = 366 * 24 * 60;

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.ServiceProvider.GetRequiredService<IOptions<CameraStreamingEndpointOptions>>().Value.AdminPolicy;
        var tokens = endpoints.MapGroup(StreamingRoutes.Api + "/tokens").RequireAuthorization(admin);
        tokens.MapGet("", ListAsync);
        tokens.MapPost("", CreateAsync);
        tokens.MapDelete("/{tokenId}", RevokeAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(StreamTokens tokens) =>
        Results.Ok((await tokens.ListAsync()).Select(TokenInfo.From));

    private static async Task<IResult> CreateAsync(NewToken? request, HttpContext context, StreamTokens tokens, CameraCatalog cameras, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request?.Name?.Trim() ?? "";
        if (name.Length is 0 or > StreamTokens.MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"name is required: 1 to {StreamTokens.MaxNameLength} characters, no control characters."];
        }

        var camera = string.IsNullOrWhiteSpace(request?.Camera) ? null : cameras.Find(request.Camera.Trim());
        if (!string.IsNullOrWhiteSpace(request?.Camera) && camera is null)
        {
            errors["camera"] = [$"No camera has the id '{request.Camera}'; null makes a token for every camera."];
        }

        if (request?.ExpiresInMinutes is < 1 or > MaxExpiresInMinutes)
        {
            errors["expiresInMinutes"] = [$"expiresInMinutes must be a whole number from 1 to {MaxExpiresInMinutes}, or null for a token that does not expire."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid token");
        }

        var expiresAt = request!.ExpiresInMinutes is { } minutes ? time.GetUtcNow().AddMinutes(minutes) : (DateTimeOffset?)null;
        var (token, secret) = await tokens.CreateTokenAsync(name, camera?.Id, expiresAt, context.User.Identity?.Name);
        return Results.Created($"{StreamingRoutes.Api}/tokens/{token.Id}", TokenInfo.From(token) with { Token = secret });
    }

    private static async Task<IResult> RevokeAsync(string tokenId, HttpContext context, StreamTokens tokens)
    {
        if (!int.TryParse(tokenId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid id", detail: "A token id is a whole number, as listed by GET /api/tokens.");
        }

        return await tokens.TryRevokeAsync(id, context.User.Identity?.Name)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown token", detail: $"No token has the id {id}.");
    }

    /// <summary>What <c>POST /api/tokens</c> takes.</summary>
    internal sealed record NewToken(string? Name, string? Camera, int? ExpiresInMinutes);

    /// <summary>A token as the API shows it; <see cref="Token"/>, the secret, only in the answer that created it.</summary>
    internal sealed record TokenInfo(int Id, string Name, string? Camera, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? Token = null)
    {
        public static TokenInfo From(StreamToken token) => new(token.Id, token.Name, token.CameraId, token.CreatedAt, token.CreatedBy, token.ExpiresAt, token.RevokedAt);
    }
}
