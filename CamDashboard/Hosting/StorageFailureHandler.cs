using CamDashboard.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace CamDashboard.Hosting;

/// <summary>A request that failed because the database took no write (a full disk) is answered
/// 503 with problem details that say so, not a 500 with a stack trace; the failure is logged once a
/// minute by <see cref="StorageHealth"/>. Every change is stored before it is applied, so nothing of
/// it runs.</summary>
internal sealed class StorageFailureHandler(StorageHealth storage, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageHealth.IsStorageFailure(exception))
        {
            return false;
        }

        var reason = storage.RecordFailure(exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = $"Nothing was changed: {reason}.",
            },
        });
    }
}
