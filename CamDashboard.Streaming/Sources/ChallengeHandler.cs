using System.Net;
using System.Net.Http.Headers;

namespace CamDashboard.Streaming.Sources;

/// <summary>Answers an HTTP camera's Basic or Digest challenge, and then keeps answering it up
/// front on every request: a camera polled for snapshots is asked once per frame, not twice
/// (a refused request, then the real one) as the framework's own handler does for Digest.</summary>
internal sealed class ChallengeHandler(NetworkCredential credential, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private CameraChallenge? _challenge;

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Authorize(request);
        var response = base.Send(request, cancellationToken);
        if (Retry(request, response) is not { } retry)
        {
            return response;
        }

        response.Dispose();
        return base.Send(retry, cancellationToken);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Authorize(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (Retry(request, response) is not { } retry)
        {
            return response;
        }

        response.Dispose();
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (Volatile.Read(ref _challenge) is { } challenge)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(challenge.Authorization(request.Method.Method, request.RequestUri!.PathAndQuery));
        }
    }

    // A refusal is answered once: with a first challenge, or with a fresh nonce when ours went stale.
    private HttpRequestMessage? Retry(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return null;
        }

        var offered = response.Headers.WwwAuthenticate.Select(h => h.ToString()).ToList();
        var answered = request.Headers.Authorization is not null;
        if ((answered && !CameraChallenge.IsStale(offered)) || CameraChallenge.From(offered, credential) is not { } challenge)
        {
            return null;
        }

        Volatile.Write(ref _challenge, challenge);
        var retry = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers.Where(h => h.Key != "Authorization"))
        {
            retry.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Authorize(retry);
        return retry;
    }
}
