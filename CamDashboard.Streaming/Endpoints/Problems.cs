using Microsoft.AspNetCore.Http;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>The problem-details answers the endpoints share.</summary>
internal static class Problems
{
    public static IResult UnknownCamera(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown camera", detail: $"No camera has the id '{id}'.");

    public static IResult BadParameter(string name, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Invalid '{name}'", detail: detail);
}
