using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

internal static class ProxyPaths
{
    /// <summary>Serves the app under <c>PathBase</c> (say <c>/cams</c>, for a proxy's
    /// <c>location /cams/</c>): pages, assets, tiles and streams below it, and <c>&lt;base href&gt;</c>
    /// with it. Requests without it are still served, so a proxy may pass the path on or strip it.</summary>
    public static WebApplication UseConfiguredPathBase(this WebApplication app)
    {
        var pathBase = app.Configuration["PathBase"];
        var trimmed = pathBase?.TrimEnd('/');
        if (string.IsNullOrEmpty(trimmed))
        {
            return app;
        }

        if (trimmed[0] != '/' || trimmed.IndexOfAny(['?', '#', '\\', ' ']) >= 0 || trimmed.Contains("//", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"PathBase is '{pathBase}': it must be a path such as /cams (a leading slash, no query, no spaces).");
        }

        app.UsePathBase(trimmed);
        return app;
    }

    /// <summary>Makes the app's redirects to itself relative (<c>Location: /account/login?…</c>): a
    /// proxy that passes <c>Host $host</c> drops the port it was reached on, and an absolute URL
    /// built from that host would send the browser to port 80.</summary>
    public static WebApplication UseRelativeRedirects(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var location = context.Response.Headers.Location.ToString();
                if (location.Length > 0
                    && Uri.TryCreate(location, UriKind.Absolute, out var target)
                    && target.Scheme is "http" or "https"
                    && string.Equals(target.Host, context.Request.Host.Host, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[HeaderNames.Location] = target.PathAndQuery + target.Fragment;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
