using System.Net.WebSockets;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Frames;
using CamDashboard.Streaming.Delivery;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.FanOut;
using CamDashboard.Streaming.Settings;
using CamDashboard.Streaming.Viewers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CamDashboard.Streaming.Endpoints;

/// <summary><c>GET /ws/tiles</c>: every tile of a dashboard page over one WebSocket, because a
/// browser opens at most six HTTP/1.1 connections per host and one MJPEG <c>img</c> per tile
/// stalls past five cameras. Each message is binary: one byte of id length, the camera id,
/// then the JPEG. Each camera is a registered, counted, kickable viewer of kind dashboard;
/// kicking any of them closes the socket (1008) so the page shows it was disconnected. The page
/// says which tiles are on screen with a text message, <c>{"visible": ["door", …]}</c>: the
/// others are paused (each has sent its latest frame once, on connecting) until they are seen.</summary>
internal static class TileSocketEndpoint
{
    // Tiles are previews: ten frames a second looks live and keeps a 16-camera page light.
    private const int DefaultTileFps = 10;

    // The longest message a page sends: which of its cameras it shows (ids are at most 64 characters).
    private const int MaxMessage = 16 * 1024;

    public static async Task<IResult> Connect(HttpContext context, CameraCatalog cameras, IViewerRegistry registry, IViewerBans bans, IOptions<CameraStreamingOptions> limits, TimeProvider time)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.BadParameter("Upgrade", "This endpoint speaks WebSocket only.");
        }

        // Browsers send cookies and cached Basic credentials with a WebSocket from any site: only
        // this site's own pages may open one (programs send no Origin).
        if (!ViewerContext.SameOrigin(context.Request))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Foreign origin", detail: "Tiles are served to this site's own pages only.");
        }

        var requested = context.Request.Query["cameras"].ToString();
        var ids = string.IsNullOrEmpty(requested) ? cameras.All.Select(c => c.Id) : requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = new List<Camera>();
        var distinct = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
        {
            // A socket with no camera would be no viewer at all: invisible, unkickable, never idle.
            return Problems.BadParameter("cameras", "Name at least one camera id, e.g. ?cameras=door,garage.");
        }

        foreach (var id in distinct)
        {
            if (cameras.Find(id) is not { } camera)
            {
                return Problems.UnknownCamera(id);
            }

            if (ViewerContext.Refusal(context, camera, bans) is { } refusal)
            {
                return refusal;
            }

            selected.Add(camera);
        }

        // Each camera of the socket is a stream of its user and address, as an MJPEG one is.
        if (ViewerContext.OverStreamCap(context, registry, limits.Value.Streaming, selected.Count) is { } tooMany)
        {
            return tooMany;
        }

        // Up to any camera's own limit: the camera page shows a camera at its full rate this way.
        if (!QueryNumber.TryRead(context, "fps", CameraSettings.MinFps, CameraSettings.MaxFpsLimit, out var fps))
        {
            return Problems.BadParameter("fps", $"fps must be a whole number from {CameraSettings.MinFps} to {CameraSettings.MaxFpsLimit}.");
        }

        if (!QueryTier.TryRead(context, allowAuto: false, out var tier))
        {
            return Problems.BadParameter("tier", "tier must be small (the default), low or full.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var retrievers = new List<FrameRetriever>(selected.Count);
        try
        {
            // Inside the try: whatever fails half-way, every viewer attached so far leaves again.
            foreach (var camera in selected)
            {
                var retriever = new FrameRetriever(registry, time);
                retrievers.Add(retriever);
                retriever.Attach(camera, ViewerContext.Describe(context, camera.Id, ViewerKind.Dashboard), fps ?? DefaultTileFps, tier ?? FrameTier.Small);
            }

            await ServeAsync(context, socket, retrievers, cameras, limits.Value.Streaming);
        }
        finally
        {
            retrievers.ForEach(r => r.Dispose());
        }

        return Results.Empty;
    }

    private static async Task ServeAsync(HttpContext context, WebSocket socket, List<FrameRetriever> retrievers, CameraCatalog cameras, StreamingLimits limits)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        // A kick stops every camera's wait for its next frame at once; a send under way gets the
        // grace to finish, so the socket stays whole for the close frame that tells the page why
        // (cancelling a WebSocket's send aborts it). The client leaving or the app stopping ends all.
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(
            [writing.Token, .. retrievers.Select(r => r.Viewer.Ended)]);
        using var graceOnEnd = ended.Token.UnsafeRegister(state => ((CancellationTokenSource)state!).CancelAfter(limits.CloseGrace), writing);
        using var sending = new SemaphoreSlim(1, 1);
        var pumps = retrievers.Select(r => ViewerSession.RunAsync(r, new TileSocketSink(socket, r.Viewer.Description.CameraId, sending), tiers: null, ended.Token, writing.Token)).ToList();
        // Not cancellable: cancelling a WebSocket's receive aborts the socket, and an aborted
        // socket cannot send the close frame that tells the page why it ends.
        var closedByClient = ReceiveUntilCloseAsync(socket, retrievers);
        var endedTask = Task.Delay(Timeout.Infinite, ended.Token);
        await Task.WhenAny([closedByClient, endedTask, .. pumps]);
        await ended.CancelAsync();
        try
        {
            await Task.WhenAll(pumps);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Ending one way cancels the others.
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // A camera removed ends its viewers too; that is no kick, and the page reconnects
            // with the cameras that remain.
            var kicked = retrievers.Any(r => r.Viewer.IsEnded && cameras.Find(r.Viewer.Description.CameraId) is not null);
            var (status, reason) = kicked
                ? (WebSocketCloseStatus.PolicyViolation, "disconnected by an administrator")
                : (WebSocketCloseStatus.EndpointUnavailable, retrievers.Any(r => r.Viewer.IsEnded) ? "camera removed" : "server stopping");
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.CloseOutputAsync(status, reason, closing.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client is gone already.
            }
        }

        // The client answers the close; one that does not is cut off.
        if (await Task.WhenAny(closedByClient, Task.Delay(TimeSpan.FromSeconds(1))) != closedByClient)
        {
            socket.Abort();
        }

        await closedByClient;
    }

    /// <summary>Reads what the page says (which tiles it shows) until it closes (or the socket is
    /// aborted); completes then, and never throws.</summary>
    private static async Task ReceiveUntilCloseAsync(WebSocket socket, List<FrameRetriever> retrievers)
    {
        var buffer = new byte[MaxMessage];
        try
        {
            while (true)
            {
                var length = 0;
                var tooLong = false;
                ValueWebSocketReceiveResult received;
                do
                {
                    // A message longer than any list of this socket's cameras is read to its end and ignored.
                    tooLong |= length == MaxMessage;
                    received = await socket.ReceiveAsync(buffer.AsMemory(tooLong ? 0 : length), CancellationToken.None);
                    length = tooLong ? length : length + received.Count;
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Text && !tooLong && TileVisibility.Read(buffer.AsSpan(0, length)) is { } visible)
                {
                    foreach (var retriever in retrievers)
                    {
                        if (visible.Contains(retriever.Viewer.Description.CameraId))
                        {
                            retriever.Resume();
                        }
                        else
                        {
                            retriever.Pause();
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Aborted, or the connection dropped: either way it is over.
        }
    }
}
