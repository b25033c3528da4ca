namespace Microsoft.AspNetCore.Builder;

internal static class SecurityHeaders
{
    /// <summary><c>X-Content-Type-Options: nosniff</c> on every response, so a browser never
    /// reinterprets a JPEG, a stream or problem JSON as something runnable; HSTS over HTTPS
    /// outside development. (The MJPEG writer that owns its socket writes the header itself.)</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        return app;
    }
}
