using System.Net.Http.Headers;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>An open <c>/stream</c> response and its part reader.</summary>
public sealed class StreamClient : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;

    private StreamClient(HttpClient client, HttpResponseMessage response, Stream body)
    {
        _client = client;
        _response = response;
        Body = body;
        Reader = new MjpegReader(body);
    }

    public Stream Body { get; }

    public MjpegReader Reader { get; }

    public MediaTypeHeaderValue? ContentType => _response.Content.Headers.ContentType;

    public static async Task<StreamClient> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new StreamClient(client, response, await response.Content.ReadAsStreamAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync();
        _response.Dispose();
        _client.Dispose();
    }
}
