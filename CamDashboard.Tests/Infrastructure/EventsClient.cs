using System.Text.Json;
using System.Threading.Channels;
using CamDashboard.Streaming.Events;
using Microsoft.AspNetCore.SignalR.Client;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>A real SignalR client of <c>/hubs/events</c>, as a program would write it, that keeps
/// every event it is sent, in order, as (name, JSON).</summary>
public sealed class EventsClient : IAsyncDisposable
{
    /// <summary>Every event name the hub sends.</summary>
    public static readonly string[] Names =
    [
        CameraStateChanged.TypeName, CameraSettingsChanged.TypeName, CameraActivityChanged.TypeName, CameraListChanged.TypeName,
        ViewerJoined.TypeName, ViewerLeft.TypeName, ViewerKicked.TypeName,
        BanSet.TypeName, BanLifted.TypeName, UserChanged.TypeName, TokenChanged.TypeName,
    ];

    private readonly Channel<(string Name, JsonElement Body)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EventsClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in Names)
        {
            connection.On<JsonElement>(name, body => _received.Writer.TryWrite((name, body)));
        }

        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    /// <summary>Completes when the server closes the connection.</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>Connects with HTTP Basic (<paramref name="user"/>) or, with <paramref name="query"/>, a token.</summary>
    public static async Task<EventsClient> ConnectAsync(Uri app, string? user = "admin", string? password = TestApp.AdminPassword, string query = "", string? origin = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app, "hubs/events" + query), options =>
            {
                if (user is not null)
                {
                    options.Headers["Authorization"] = TestApp.Basic(user, password ?? "").ToString();
                }

                if (origin is not null)
                {
                    options.Headers["Origin"] = origin;
                }
            })
            .Build();
        var client = new EventsClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>The first event named <paramref name="name"/> that <paramref name="matches"/>, among
    /// those passed over so far and then those to come (others are passed over).</summary>
    public async Task<JsonElement> NextAsync(string name, Func<JsonElement, bool>? matches = null, double timeoutSeconds = 10)
    {
        var earlier = Seen.FindIndex(s => s.Name == name && (matches is null || matches(s.Body)));
        if (earlier >= 0)
        {
            var found = Seen[earlier].Body;
            Seen.RemoveAt(earlier);
            return found;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            while (true)
            {
                var (received, body) = await _received.Reader.ReadAsync(timeout.Token);
                if (received == name && (matches is null || matches(body)))
                {
                    return body;
                }

                Seen.Add((received, body));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No '{name}' event within {timeoutSeconds} s; passed over: {string.Join(", ", Seen.Select(s => s.Name))}");
            throw;
        }
    }

    /// <summary>Events passed over while waiting for others.</summary>
    public List<(string Name, JsonElement Body)> Seen { get; } = [];

    /// <summary>Everything received and not yet read, without waiting.</summary>
    public List<(string Name, JsonElement Body)> Drain()
    {
        var all = new List<(string, JsonElement)>(Seen);
        Seen.Clear();
        while (_received.Reader.TryRead(out var item))
        {
            all.Add(item);
        }

        return all;
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
