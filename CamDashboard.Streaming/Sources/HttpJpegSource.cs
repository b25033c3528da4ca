using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Streaming.Sources;

/// <summary>An HTTP(S) camera that serves JPEG: an MJPEG stream (<c>multipart/x-mixed-replace</c>,
/// as ESP32-CAM, mjpg-streamer, OctoPrint or another CamDashboard send) or single JPEG snapshots,
/// polled at the rate wanted. Which one is decided by the response's content type. Frames are
/// kept as the camera's own JPEG bytes, never decoded here. In standby a stream is still read
/// (its parts arriving are the proof that the camera is there; nothing is decoded) and a
/// snapshot camera is asked only now and then. Basic and Digest credentials are answered, and
/// then sent up front with every request.</summary>
internal sealed class HttpJpegSource(CameraOptions camera, TimeProvider time, FrameLimits limits) : ICameraSource
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(10);
    private const int MaxRedirects = 3;
    private HttpClient? _client;
    private Uri? _url;
    private HttpResponseMessage? _response;
    private MultipartJpegReader? _parts;
    private readonly FramePacer _pacer = new(time);
    private DateTimeOffset _lastCheck;
    private byte[]? _firstSnapshot;
    private CancellationToken _cancellation;
    private CancellationTokenRegistration _onCancel;

    public string Format { get; private set; } = "";

    public double? NativeFps => null;

    public void Open(SourceDemand demand, CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        (_url, var credential) = SourceCredentials.Split(camera);
        // A camera redirects once, if at all: a loop is cut short, not followed fifty times.
        HttpMessageHandler handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, MaxAutomaticRedirections = MaxRedirects };
        _client = new HttpClient(credential is null ? handler : new ChallengeHandler(credential, handler))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CamDashboard", "1.0"));
        // Closing the client ends a read blocked on the socket: how a stall or a stop interrupts us.
        _onCancel = cancellationToken.Register(static state => ((HttpJpegSource)state!).Close(), this);

        _response = Send(HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var mediaType = _response.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            _firstSnapshot = ReadBody(_response);
            _response.Dispose();
            _lastCheck = time.GetUtcNow();
            Format = "JPEG snapshots over HTTP";
        }
        else if (mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) || mediaType is "" or "application/octet-stream")
        {
            // Some servers (FFmpeg's own) stream multipart under a generic type: the body's
            // first boundary line tells then.
            var boundary = _response.Content.Headers.ContentType?.Parameters
                .FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
            _parts = new MultipartJpegReader(_response.Content.ReadAsStream(cancellationToken), string.IsNullOrEmpty(boundary) ? null : boundary, limits);
            Format = "MJPEG over HTTP";
        }
        else if (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        {
            throw new CameraSourceException(SourceFault.NotACamera,
                "Not a camera: the address answers a web page (text/html), perhaps the camera's own web interface. Use its MJPEG stream or snapshot URL (the camera's manual names it).");
        }
        else
        {
            throw new CameraSourceException(SourceFault.NotACamera,
                $"Not a camera: the address answers '{mediaType}'; an MJPEG stream (multipart/x-mixed-replace) or a JPEG image was expected.");
        }
    }

    public SourceRead Read(SourceFrame frame, SourceDemand demand)
    {
        if (_parts is not null)
        {
            // Standby or not, the stream comes: each part is read, and decoded only if somebody asks.
            return !_parts.ReadNext(frame) ? SourceRead.Ended : demand.Frames ? SourceRead.Frame : SourceRead.Idle;
        }

        var jpeg = _firstSnapshot;
        _firstSnapshot = null;
        if (!demand.Frames)
        {
            if (time.GetUtcNow() - _lastCheck < demand.CheckEvery)
            {
                demand.WaitForChange(SourceDemand.IdleWait);
                return SourceRead.Idle;
            }

            // The check is one snapshot, thrown away.
            jpeg = null;
        }
        else if (jpeg is null)
        {
            _pacer.WaitForNextFrame(demand.MaxFps, demand);
        }

        if (jpeg is null)
        {
            using var snapshot = Send(HttpCompletionOption.ResponseContentRead, _cancellation);
            jpeg = ReadBody(snapshot);
            _lastCheck = time.GetUtcNow();
        }

        if (!frame.SetJpeg(jpeg))
        {
            throw new CameraSourceException("The snapshot URL answered an image that is not a JPEG.");
        }

        return demand.Frames ? SourceRead.Frame : SourceRead.Idle;
    }

    public void Dispose()
    {
        _onCancel.Dispose();
        Close();
    }

    private void Close()
    {
        _response?.Dispose();
        _client?.Dispose();
    }

    private HttpResponseMessage Send(HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (completion == HttpCompletionOption.ResponseContentRead)
        {
            timeout.CancelAfter(SnapshotTimeout);
        }

        HttpResponseMessage response;
        try
        {
            response = _client!.Send(new HttpRequestMessage(HttpMethod.Get, _url), completion, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw Classify(ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CameraSourceException(SourceFault.Unreachable, $"{_url!.Host} did not answer in time.", ex);
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            response.Dispose();
            throw new CameraSourceException(SourceFault.Unauthorized,
                $"The camera refused the credentials (HTTP {(int)response.StatusCode} {response.ReasonPhrase}).");
        }

        if ((int)response.StatusCode is >= 300 and < 400)
        {
            response.Dispose();
            throw new CameraSourceException($"The camera redirected more than {MaxRedirects} times (HTTP {(int)response.StatusCode}); give the address it ends at.");
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new CameraSourceException($"The camera answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        return response;
    }

    // Bounded whatever the headers say: an answer with no length, or a false one, stops at the limit.
    private byte[] ReadBody(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentLength > limits.MaxBytes)
        {
            throw new CameraSourceException(limits.TooLarge(response.Content.Headers.ContentLength));
        }

        using var body = response.Content.ReadAsStream();
        var buffer = new byte[Math.Min(limits.MaxBytes + 1, (int)(response.Content.Headers.ContentLength ?? 256 * 1024) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limits.MaxBytes)
                {
                    throw new CameraSourceException(limits.TooLarge());
                }

                Array.Resize(ref buffer, (int)Math.Min(limits.MaxBytes + 1L, buffer.Length * 2L));
            }

            var read = body.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }
    }

    private CameraSourceException Classify(HttpRequestException ex)
    {
        var host = _url!.Host;
        var socketError = (ex.InnerException as SocketException)?.SocketErrorCode;
        var (fault, reason) = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => (SourceFault.Unreachable, $"The name '{host}' could not be resolved."),
            HttpRequestError.ConnectionError when socketError == SocketError.ConnectionRefused => (SourceFault.Unreachable, $"{host}:{_url.Port} refused the connection."),
            HttpRequestError.ConnectionError => (SourceFault.Unreachable, $"{host}:{_url.Port} could not be reached ({socketError?.ToString() ?? "connection failed"})."),
            HttpRequestError.SecureConnectionError => (SourceFault.Failed, $"The TLS handshake with {host} failed."),
            _ => (SourceFault.Failed, $"The request to {host} failed: {ex.HttpRequestError}."),
        };
        return new CameraSourceException(fault, reason, ex);
    }
}
