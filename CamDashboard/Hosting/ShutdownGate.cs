namespace Microsoft.AspNetCore.Builder;

internal static class ShutdownGate
{
    /// <summary>Once the app is stopping, new requests get <c>503</c> and <c>Connection: close</c>.
    /// Kestrel is stopped last, after the hosted services, so it still accepts requests while the
    /// app shuts down; SignalR closes the dashboards' circuits when stopping begins, and a browser
    /// reconnects at once. That new circuit was never closed: the stop then waited its whole
    /// timeout (30 s) for it. Refused, the browser retries until the server is back.</summary>
    public static WebApplication UseShutdownGate(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (!stopping.IsCancellationRequested)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        });
        return app;
    }
}
