namespace Microsoft.AspNetCore.Builder;

internal static class AnonymousCircuitRefusal
{
    /// <summary>Blazor's circuit endpoints (<c>/_blazor</c>) answer signed-in users only: anonymous
    /// pages are drawn without a circuit, and a stranger's circuit would hold a connection slot and
    /// a few hundred kilobytes for nothing.</summary>
    public static IApplicationBuilder UseAnonymousCircuitRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/_blazor") && context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await next();
    });
}
