using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>A subscriber to everything on a broker, as Home Assistant or an automation is: the
/// last payload of each topic (retained ones arrive on subscribing), and which arrived retained.</summary>
public sealed class MqttWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);

    private MqttWatcher(IMqttClient client) => _client = client;

    /// <summary>The last payload on each topic (an empty one: the retained message was cleared).</summary>
    public IReadOnlyDictionary<string, string> Last => _last;

    public static async Task<MqttWatcher> ConnectAsync(int port, string filter = "#", (string Name, string Password)? user = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var watcher = new MqttWatcher(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            watcher._last[e.ApplicationMessage.Topic] = e.ApplicationMessage.ConvertPayloadToString() ?? "";
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"watcher-{Guid.NewGuid():N}");
        if (user is { } u)
        {
            options.WithCredentials(u.Name, u.Password);
        }

        var connected = await client.ConnectAsync(options.Build());
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        await client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        return watcher;
    }

    /// <summary>The last payload on <paramref name="topic"/>, or null if none came.</summary>
    public string? this[string topic] => _last.GetValueOrDefault(topic);

    /// <summary>Waits until <paramref name="topic"/>'s last payload is <paramref name="payload"/>.</summary>
    public Task WaitForAsync(string topic, string payload, double timeoutSeconds = 10) =>
        Eventually.True(() => this[topic] == payload, $"{topic} says '{payload}' (it says '{this[topic]}')", timeoutSeconds);

    public async ValueTask DisposeAsync()
    {
        await _client.TryDisconnectAsync();
        _client.Dispose();
    }
}
