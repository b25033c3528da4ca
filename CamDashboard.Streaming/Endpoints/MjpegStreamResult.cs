using System.Net.Sockets;
using CamDashboard.Streaming.Encoding;
using CamDashboard.Streaming.FanOut;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CamDashboard.Streaming.Endpoints;

/// <summary>Writes a camera's frames as <c>multipart/x-mixed-replace</c> until the client leaves,
/// the viewer is kicked or idles out, or the app stops. Each frame is one write of the frame's
/// shared, pre-framed bytes. On plain HTTP/1.x over Kestrel's socket transport the response is
/// written straight to the socket — head, then parts, the body delimited by closing the
/// connection (<c>Connection: close</c>, no chunking): copying every frame into each
/// connection's output pipe was most of the delivery cost. Elsewhere (TLS, HTTP/2) it goes
/// through Kestrel's response body.</summary>
internal sealed class MjpegStreamResult(FrameRetriever retriever, int sendBufferBytes) : IResult
{
    private const string NoCache = "no-cache, no-store, must-revalidate";

    private static readonly byte[] DirectResponseHead = System.Text.Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nContent-Type: {MultipartFraming.ContentType}\r\nCache-Control: {NoCache}\r\nPragma: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");

    private bool _midWrite;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var stopping = httpContext.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var viewer = retriever.Viewer;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, viewer.Ended, stopping);
        var token = ended.Token;
        var socket = DirectSocket(httpContext);
        try
        {
            if (socket is null)
            {
                await WriteResponseBodyAsync(httpContext, token);
            }
            else
            {
                if (sendBufferBytes > 0)
                {
                    socket.SendBufferSize = sendBufferBytes;
                }

                await socket.SendAsync(DirectResponseHead, SocketFlags.None, token);
                await WriteSocketAsync(socket, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client left, was kicked, or the app is stopping: all normal ends of a stream.
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The client closed the connection under a direct write.
        }

        if (socket is not null)
        {
            // The body ends where the connection does: after the last whole part, if any.
            EndDirectResponse(socket, httpContext, afterWholePart: !_midWrite);
        }
        else if (viewer.IsEnded)
        {
            // Kicked or idle: close the connection itself, so even a client that stopped
            // reading is gone at once rather than when its buffers drain.
            httpContext.Abort();
        }
    }

    private static Socket? DirectSocket(HttpContext context)
    {
        var protocol = context.Request.Protocol;
        var plainHttp1 = !context.Request.IsHttps && (HttpProtocol.IsHttp11(protocol) || HttpProtocol.IsHttp10(protocol));
        return plainHttp1 ? context.Features.Get<IConnectionSocketFeature>()?.Socket : null;
    }

    private static void EndDirectResponse(Socket socket, HttpContext context, bool afterWholePart)
    {
        if (afterWholePart)
        {
            try
            {
                // FIN after the last byte: the client sees the end of a complete response.
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed by the client.
            }
        }

        context.Abort();
    }

    private async Task WriteResponseBodyAsync(HttpContext context, CancellationToken token)
    {
        var response = context.Response;
        response.ContentType = MultipartFraming.ContentType;
        response.Headers.CacheControl = NoCache;
        response.Headers.Pragma = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(token);
        while (true)
        {
            var frame = await retriever.NextAsync(token);
            retriever.BeginWrite();
            var flush = await response.BodyWriter.WriteAsync(frame.Part, token);
            retriever.Sent(frame.Part.Length);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                return;
            }
        }
    }

    private async Task WriteSocketAsync(Socket socket, CancellationToken token)
    {
        while (true)
        {
            var frame = await retriever.NextAsync(token);
            retriever.BeginWrite();
            _midWrite = true;
            await socket.SendAsync(frame.Part, SocketFlags.None, token);
            _midWrite = false;
            retriever.Sent(frame.Part.Length);
        }
    }
}
