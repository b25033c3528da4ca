using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Delivery;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.FanOut;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Writes a camera's frames as <c>multipart/x-mixed-replace</c> until the client leaves,
/// the viewer is kicked or idles out, or the app stops. Each frame is one write of the frame's
/// shared, pre-framed bytes.
/// <para>On the first request of a plain HTTP/1.x connection over Kestrel's socket transport the
/// response is written straight to the socket — head, then parts, the body delimited by closing
/// the connection (<c>Connection: close</c>, no chunking): copying every frame into each
/// connection's output pipe was most of the delivery cost. This writer then owns the socket from
/// the first byte to the close: nothing of an earlier response can still be queued (it is the
/// connection's first request), every exit goes through one <c>finally</c> that ends the body
/// after a whole part and closes the connection, so Kestrel never writes after it. Anywhere
/// else (a kept-alive or pipelined connection, TLS, HTTP/2) the stream goes through Kestrel's
/// response body.</para>
/// <para>On the direct path the writer also paces each frame to the link (<see cref="DeliveryPacer"/>)
/// and, for a viewer that did not pin a tier, moves it between tiers as its connection keeps up
/// (<see cref="TierController"/>). Kestrel's path has no view of the link: its viewers stay on
/// their tier.</para></summary>
internal sealed class MjpegStreamResult(FrameRetriever retriever, bool adaptive, StreamingLimits limits, TimeProvider time, ILogger logger) : IResult
{
    private const string NoCache = "no-cache, no-store, must-revalidate";

    private DirectSocketSink? _direct;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var stopping = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var viewer = retriever.Viewer;
        // The client leaving or the app stopping ends everything at once; a kick or an idle
        // timeout stops the wait for the next frame at once and the write in progress after the grace.
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(gone.Token, viewer.Ended);
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(gone.Token);
        using var graceOnEnd = viewer.Ended.UnsafeRegister(state => ((CancellationTokenSource)state!).CancelAfter(limits.CloseGrace), writing);
        SetHeaders(httpContext.Response);
        var socket = DirectSocket(httpContext);
        var failed = false;
        try
        {
            if (socket is null)
            {
                await WriteResponseBodyAsync(httpContext, waiting.Token, writing.Token);
            }
            else
            {
                if (limits.SendBufferBytes > 0)
                {
                    socket.SendBufferSize = limits.SendBufferBytes;
                }

                var head = DirectHead(httpContext.Response);
                await socket.SendAsync(head, SocketFlags.None, writing.Token);
                var pacer = TcpProgress.For(socket) is { } link ? new DeliveryPacer(link, time) : null;
                pacer?.Wrote(head.Length);
                _direct = new DirectSocketSink(socket, pacer, time);
                await WriteSocketAsync(_direct, waiting.Token, writing.Token);
            }
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested || writing.IsCancellationRequested)
        {
            // The client left, was kicked or idled out, or the app is stopping: all normal ends.
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The client closed the connection under a write.
        }
#pragma warning disable CA1031 // Whatever went wrong, the response must end as a stream, never as a 500 inside the body.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failed = true;
            StreamingLog.StreamFailed(logger, viewer.Id, ex);
        }
        finally
        {
            if (socket is not null)
            {
                await EndDirectResponseAsync(socket, httpContext, stopping);
            }
            else if (viewer.IsEnded || failed)
            {
                // Close the connection itself, so even a client that stopped reading is gone at
                // once rather than when its buffers drain.
                httpContext.Abort();
            }
        }
    }

    /// <summary>The stream's headers, for a GET's response and a HEAD's alike.</summary>
    public static void SetHeaders(HttpResponse response)
    {
        response.ContentType = MultipartFraming.ContentType;
        response.Headers.CacheControl = NoCache;
        response.Headers.Pragma = "no-cache";
    }

    private static Socket? DirectSocket(HttpContext context)
    {
        var protocol = context.Request.Protocol;
        var eligible = (HttpProtocol.IsHttp11(protocol) || HttpProtocol.IsHttp10(protocol))
            && !context.Request.IsHttps
            && context.Features.Get<ITlsConnectionFeature>() is null
            && ConnectionRequestCount.IsFirstOnConnection(context);
        return eligible ? context.Features.Get<IConnectionSocketFeature>()?.Socket : null;
    }

    /// <summary>The response head as Kestrel would write it: status, <c>Date</c>, every header
    /// set so far (by middleware too), and <c>Connection: close</c>, which delimits the body.</summary>
    private static byte[] DirectHead(HttpResponse response)
    {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        head.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Connection: close\r\n\r\n");
        // Kestrel has already refused control characters in these values; Latin-1 is what it writes.
        return System.Text.Encoding.Latin1.GetBytes(head.ToString());
    }

    private async Task EndDirectResponseAsync(Socket socket, HttpContext context, CancellationToken stopping)
    {
        try
        {
            // FIN after the last byte sent: the client reads every whole part it was sent, then
            // the end of the response. (Only a client that took nothing for the whole grace
            // sees a cut part.)
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the client.
        }

        if (_direct is { MidPart: true })
        {
            StreamingLog.StreamCutMidPart(logger, retriever.Viewer.Id);
        }

        // Linger until the client has read up to the FIN and closed its side: Kestrel's close
        // of a socket it is still receiving on is abortive (a reset), and a reset throws away
        // whatever the client had not read yet.
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(limits.CloseGrace, linger.Token);
        }
        catch (OperationCanceledException)
        {
            // The client closed (the usual case) or the app is stopping.
        }

        // The response was written here, not through Kestrel: closing the connection is what
        // keeps Kestrel from adding a response of its own after it.
        context.Abort();
    }

    private async Task WriteResponseBodyAsync(HttpContext context, CancellationToken waiting, CancellationToken writing)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.StartAsync(writing);
        await ViewerSession.RunAsync(retriever, new ResponseBodySink(context.Response), tiers: null, waiting, writing);
    }

    private async Task WriteSocketAsync(DirectSocketSink sink, CancellationToken waiting, CancellationToken writing)
    {
        // Without a view of the link the tier cannot follow it; the viewer list says which do.
        var tiers = sink.SeesTheLink && adaptive ? new TierController(time, retriever.Tier, () => retriever.WantedFps) : null;
        retriever.Viewer.TierIsAdaptive = tiers is not null;
        await ViewerSession.RunAsync(retriever, sink, tiers, waiting, writing);
    }
}
