using CamDashboard.Streaming.Encoding;
using CamDashboard.Streaming.FanOut;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Writes a camera's frames as <c>multipart/x-mixed-replace</c> until the client leaves,
/// the viewer is kicked or idles out, or the app stops. Each frame is one write of the
/// frame's shared, pre-framed part, flushed at once.</summary>
internal sealed class MjpegStreamResult(FrameRetriever retriever) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = MultipartFraming.ContentType;
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
        response.Headers.Pragma = "no-cache";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var stopping = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var viewer = retriever.Viewer;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, viewer.Ended, stopping);
        var token = ended.Token;
        try
        {
            await response.StartAsync(token);
            while (true)
            {
                var frame = await retriever.NextAsync(token);
                retriever.BeginWrite();
                var flush = await response.BodyWriter.WriteAsync(frame.Part, token);
                retriever.Sent(frame.Part.Length);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left, was kicked, or the app is stopping: all normal ends of a stream.
        }

        if (viewer.IsEnded)
        {
            // Kicked or idle: close the connection itself, so even a client that stopped
            // reading is gone at once rather than when its buffers drain.
            httpContext.Abort();
        }
    }
}
