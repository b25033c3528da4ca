using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>Another node's stream of a camera it captures, in passthrough: its JPEG bytes are
/// this node's full tier as they are (already at the camera's quality), decoded only for this
/// node's smaller tiers. The connection is open only while this node wants frames: in standby
/// it is closed, so the owner's camera can stand by too.</summary>
internal sealed class RelaySource(CameraRelay relay, string cameraId, StreamRole role, string node, FrameLimits limits) : ICameraSource
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private HttpClient? _client;
    private HttpResponseMessage? _response;
    private MultipartJpegReader? _parts;
    private CancellationToken _cancellation;
    private CancellationTokenRegistration _onCancel;

    public string Format => $"relayed from node {relay.Owner}";

    public double? NativeFps => null;

    public void Open(SourceDemand demand, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        // Closing the connection ends a read blocked on it: how a stall or a stop interrupts us.
        _onCancel = cancellationToken.Register(static state => ((RelaySource)state!).Close(), this);
        if (demand.Frames)
        {
            _ = Connect();
        }
    }

    public SourceRead Read(SourceFrame frame, SourceDemand demand)
    {
        if (!demand.Frames)
        {
            Close();
            demand.WaitForChange(SourceDemand.IdleWait);
            return SourceRead.Idle;
        }

        var parts = _parts ?? Connect();
        if (!parts.ReadNext(frame))
        {
            return SourceRead.Ended;
        }

        frame.MarkFinal();
        return SourceRead.Frame;
    }

    public void Dispose()
    {
        _onCancel.Dispose();
        Close();
    }

    private MultipartJpegReader Connect()
    {
        // The owner's main stream at full size, or its substream's small picture.
        if (relay.OwnerUrl is not { } owner)
        {
            throw new CameraSourceException(SourceFault.Unreachable, $"Node {relay.Owner}, which captures this camera, has gone; another node takes the camera within seconds.");
        }

        var tier = role == StreamRole.Sub ? "small" : "full";
        var url = new Uri(owner, $"{StreamingRoutes.Stream.TrimStart('/')}/{Uri.EscapeDataString(cameraId)}?tier={tier}");
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", relay.Authorization);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CamDashboard-relay", node.Length > 0 ? node : "node"));
        try
        {
            _response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, _cancellation);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException or IOException || ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new CameraSourceException(SourceFault.Unreachable, $"Node {relay.Owner}, which captures this camera, does not answer at {relay.OwnerUrl}.", ex);
        }

        if (_response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new CameraSourceException(SourceFault.Unauthorized, $"Node {relay.Owner} refused this node's relay ({(int)_response.StatusCode}): is Cluster:Secret the same on every node?");
        }

        if (!_response.IsSuccessStatusCode)
        {
            throw new CameraSourceException($"Node {relay.Owner} answered {(int)_response.StatusCode} for this camera's stream.");
        }

        var boundary = _response.Content.Headers.ContentType?.Parameters
            .FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        return _parts = new MultipartJpegReader(_response.Content.ReadAsStream(_cancellation), string.IsNullOrEmpty(boundary) ? null : boundary, limits);
    }

    private void Close()
    {
        _parts = null;
        _response?.Dispose();
        _response = null;
        _client?.Dispose();
        _client = null;
    }
}
