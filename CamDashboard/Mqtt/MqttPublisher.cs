using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using CamDashboard.Streaming.Cameras;
using CamDashboard.Streaming.Events;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CamDashboard.Mqtt;

/// <summary>Keeps the broker's retained topics equal to what runs: availability, each camera's
/// state and viewer count, and Home Assistant's discovery messages. Live events only wake it
/// (coalesced, at most four syncs a second); each sync compares what should be retained with
/// what was, and publishes the difference — a camera removed has its topics cleared. A broker
/// that is down or refuses is retried every 1 s growing to 30 s, said once in the log, and
/// affects nothing else. The last will says <c>offline</c> when the app dies; a clean stop says
/// it itself.</summary>
internal sealed class MqttPublisher(
    IOptions<MqttOptions> options, CameraCatalog cameras, IViewerRegistry viewers, LiveEvents events, TimeProvider time, ILogger<MqttPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);
    private readonly MqttOptions _options = options.Value;
    private readonly MqttTopics _topics = new(options.Value.Topic);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // What the broker retains from us, by topic: survives reconnects, so a camera removed meanwhile is still cleared.
    private readonly Dictionary<string, string> _retained = new(StringComparer.Ordinal);

    private string Broker => $"{_options.Server}:{_options.EffectivePort}";

    private string ClientId => _options.ClientId ?? $"camdashboard-{(events.Node.Length > 0 ? events.Node : Environment.MachineName)}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = events.Subscribe(OnEvent);
        using var client = new MqttClientFactory().CreateMqttClient();
        client.DisconnectedAsync += _ =>
        {
            Wake();
            return Task.CompletedTask;
        };
        var retry = TimeSpan.FromSeconds(1);
        string? lastProblem = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var connected = await client.ConnectAsync(ClientOptions(), stoppingToken).ConfigureAwait(false);
                    if (connected.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        throw new MqttRefusedException(connected.ResultCode, connected.ReasonString);
                    }

                    MqttLog.Connected(logger, Broker, ClientId, _options.Topic);
                    (retry, lastProblem) = (TimeSpan.FromSeconds(1), null);
                    await PublishAsync(client, _topics.Availability, MqttTopics.Online, stoppingToken).ConfigureAwait(false);
                    await FollowAsync(client, stoppingToken).ConfigureAwait(false);
                    MqttLog.Lost(logger, Broker, "the broker closed it");
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // A broker that is down, refuses or drops us is retried: it never stops the app.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    var problem = Describe(ex);
                    if (problem != lastProblem)
                    {
                        MqttLog.Unavailable(logger, Broker, problem, (int)MaxRetry.TotalSeconds);
                        lastProblem = problem;
                    }

                    // A publish that failed on a connection still open: start over on a new one.
                    if (client.IsConnected)
                    {
                        await client.TryDisconnectAsync().ConfigureAwait(false);
                    }
                }

                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await SayGoodbyeAsync(client).ConfigureAwait(false);
        }
    }

    /// <summary>Syncs, then waits for an event (or the periodic resync), while connected.</summary>
    private async Task FollowAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var everything = true;
        while (client.IsConnected)
        {
            await SyncAsync(client, everything, stoppingToken).ConfigureAwait(false);
            everything = false;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(Resync);
            try
            {
                await _wake.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                await Task.Delay(Coalesce, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Publishes what differs from what the broker retains (all of it after a connect:
    /// the broker may have restarted without its retained messages), and clears what went away.</summary>
    private async Task SyncAsync(IMqttClient client, bool everything, CancellationToken cancellationToken)
    {
        var wanted = Wanted();
        foreach (var (topic, payload) in wanted)
        {
            if (everything || !_retained.TryGetValue(topic, out var was) || was != payload)
            {
                await PublishAsync(client, topic, payload, cancellationToken).ConfigureAwait(false);
                _retained[topic] = payload;
            }
        }

        foreach (var gone in _retained.Keys.Where(t => !wanted.ContainsKey(t)).ToList())
        {
            // An empty retained message deletes the retained one (and Home Assistant's entity, for a discovery topic).
            await PublishAsync(client, gone, "", cancellationToken).ConfigureAwait(false);
            _retained.Remove(gone);
        }
    }

    private Dictionary<string, string> Wanted()
    {
        var watching = viewers.Viewers
            .Where(v => v.Description.Kind != ViewerKind.Relay)
            .CountBy(v => v.Description.CameraId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string> wanted = new(StringComparer.Ordinal);
        foreach (var camera in cameras.All)
        {
            // Discovery first: Home Assistant has the entity before its first state arrives.
            if (_options.Discovery)
            {
                foreach (var (topic, payload) in HomeAssistantDiscovery.For(camera, _topics, _options))
                {
                    wanted[topic] = payload;
                }
            }

            wanted[_topics.State(camera.Id)] = MqttTopics.StateName(camera.State);
            wanted[_topics.Viewers(camera.Id)] = watching.GetValueOrDefault(camera.Id).ToString(CultureInfo.InvariantCulture);
            if (camera.Settings.Activity is not null)
            {
                wanted[_topics.Activity(camera.Id)] = camera.Activity.Active ? MqttTopics.On : MqttTopics.Off;
            }
        }

        return wanted;
    }

    private void OnEvent(LiveEvent change)
    {
        if (change is CameraStateChanged or CameraListChanged or CameraSettingsChanged or CameraActivityChanged or ViewerJoined or ViewerLeft or ViewerKicked)
        {
            Wake();
        }
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task SayGoodbyeAsync(IMqttClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        // A clean disconnect sends no last will: say offline first.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await PublishAsync(client, _topics.Availability, MqttTopics.Offline, timeout.Token).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Stopping: a broker that has gone gets the last will instead.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload, CancellationToken cancellationToken) =>
        client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);

    private MqttClientOptions ClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Server, _options.EffectivePort)
            .WithClientId(ClientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(_topics.Availability)
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.Username is not null)
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.Tls)
        {
            var ca = _options.CaCertificate is { } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null;
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (ca is not null)
                {
                    tls.WithCertificateValidationHandler(e => SignedBy(ca, e.Certificate, e.SslPolicyErrors));
                }
            });
        }

        return builder.Build();
    }

    /// <summary>The broker's certificate names the broker and chains to <paramref name="ca"/>, the one private CA trusted here.</summary>
    private static bool SignedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented);
    }

    // A refusal says why ("it refused the connection: BadUserNameOrPassword"); a socket or TLS error in its own words.
    private static string Describe(Exception ex) => ex is MqttRefusedException or MQTTnet.Adapter.MqttConnectingFailedException ? ex.Message : ex.GetBaseException().Message;

    private sealed class MqttRefusedException(MqttClientConnectResultCode code, string? reason)
        : Exception($"it refused the connection: {code}{(string.IsNullOrEmpty(reason) ? "" : $" ({reason})")}");
}
