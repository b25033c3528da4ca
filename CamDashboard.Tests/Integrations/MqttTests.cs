using System.Net.Http.Json;
using System.Text.Json;
using CamDashboard.Tests.Infrastructure;
using CamDashboard.Tests.Infrastructure.Servers;

namespace CamDashboard.Tests.Integrations;

/// <summary>MQTT for Home Assistant and automations (issue 18, item 3), against Debian's mosquitto.</summary>
public sealed class MqttTests
{
    private const string States = "starting live standby reconnecting unauthorized unreachable notacamera disabled stopped";

    [Fact]
    public async Task TheBrokerRetains_Availability_EachCamerasStateAndViewers_AndARemovedCameraIsCleared()
    {
        using var broker = MosquittoServer.Start();
        await using var app = MqttApp(broker, TestApp.Pattern("door"));
        _ = app.Address;

        // A subscriber that comes later (Home Assistant restarting) learns everything from retained messages.
        await using (var late = await MqttWatcher.ConnectAsync(broker.Port))
        {
            await late.WaitForAsync("camdashboard/availability", "online");
            await Eventually.True(() => late["camdashboard/cameras/door/state"] is "standby" or "live" or "starting", "door's state is retained");
            await late.WaitForAsync("camdashboard/cameras/door/viewers", "0");
        }

        await using var watcher = await MqttWatcher.ConnectAsync(broker.Port);
        await using (var stream = await StreamClient.OpenAsync(app.Client(), "/stream/door"))
        {
            await stream.Reader.ReadPartAsync();
            await watcher.WaitForAsync("camdashboard/cameras/door/state", "live");
            await watcher.WaitForAsync("camdashboard/cameras/door/viewers", "1");
        }

        await watcher.WaitForAsync("camdashboard/cameras/door/viewers", "0");

        // A camera added is published; removed, its topics and Home Assistant entities are cleared.
        using var admin = app.Client();
        (await admin.PostAsJsonAsync("/api/cameras", new { id = "yard", source = "testpattern" })).EnsureSuccessStatusCode();
        await Eventually.True(() => watcher["camdashboard/cameras/yard/state"] is { Length: > 0 }, "yard's state is published");
        Assert.NotNull(watcher["homeassistant/sensor/camdashboard_yard/state/config"]);
        (await admin.DeleteAsync("/api/cameras/yard")).EnsureSuccessStatusCode();
        await watcher.WaitForAsync("camdashboard/cameras/yard/state", "");
        await watcher.WaitForAsync("homeassistant/sensor/camdashboard_yard/state/config", "");
        await using var afterwards = await MqttWatcher.ConnectAsync(broker.Port);
        await afterwards.WaitForAsync("camdashboard/cameras/door/viewers", "0");
        Assert.DoesNotContain(afterwards.Last.Keys, t => t.Contains("yard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiscoveryMessages_AreWhatHomeAssistantsMqttSchemasAccept_OneDevicePerCamera()
    {
        using var broker = MosquittoServer.Start();
        await using var app = MqttApp(broker, new CamDashboard.Streaming.Definitions.CameraOptions { Id = "door", Name = "Front door", Source = "testpattern" })
            .With("Mqtt:DashboardUrl", "http://cameras.lan:5080/");
        _ = app.Address;
        await using var watcher = await MqttWatcher.ConnectAsync(broker.Port);
        await watcher.WaitForAsync("camdashboard/availability", "online");
        await Eventually.True(() => watcher.Last.Keys.Count(t => t.StartsWith("homeassistant/", StringComparison.Ordinal)) == 3, "three entities are announced");

        var state = HomeAssistantSchema.Check("sensor", watcher["homeassistant/sensor/camdashboard_door/state/config"]!);
        var online = HomeAssistantSchema.Check("binary_sensor", watcher["homeassistant/binary_sensor/camdashboard_door/online/config"]!);
        var viewers = HomeAssistantSchema.Check("sensor", watcher["homeassistant/sensor/camdashboard_door/viewers/config"]!);

        // The state sensor is an enum of every state the state topic carries, and it carries one of them.
        Assert.Equal("enum", state.GetProperty("device_class").GetString());
        Assert.Equal(States.Split(' ').Order(), state.GetProperty("options").EnumerateArray().Select(o => o.GetString()).Order());
        Assert.Equal("camdashboard/cameras/door/state", state.GetProperty("state_topic").GetString());
        await Eventually.True(() => States.Split(' ').Contains(watcher["camdashboard/cameras/door/state"]), "the state is one of the options");
        Assert.Equal("connectivity", online.GetProperty("device_class").GetString());
        Assert.Equal("camdashboard/cameras/door/viewers", viewers.GetProperty("state_topic").GetString());

        // One device, the camera, for the three; unavailable with the app.
        var devices = new[] { state, online, viewers }.Select(e => e.GetProperty("device")).ToList();
        Assert.All(devices, d => Assert.Equal("camdashboard_door", d.GetProperty("identifiers")[0].GetString()));
        Assert.All(devices, d => Assert.Equal("Front door", d.GetProperty("name").GetString()));
        Assert.All(devices, d => Assert.Equal("http://cameras.lan:5080/cameras/door", d.GetProperty("configuration_url").GetString()));
        Assert.Equal(3, new[] { state, online, viewers }.Select(e => e.GetProperty("unique_id").GetString()).Distinct().Count());
        Assert.All([state, online, viewers], e => Assert.Equal("camdashboard/availability", e.GetProperty("availability_topic").GetString()));
    }

    [Fact]
    public async Task TheLastWill_SaysOffline_WhenTheAppIsKilled_AndAStopSaysItToo()
    {
        using var broker = MosquittoServer.Start();
        await using var watcher = await MqttWatcher.ConnectAsync(broker.Port);
        await using (var killed = new AppProcess(new Dictionary<string, string> { ["Mqtt__Server"] = "127.0.0.1", ["Mqtt__Port"] = $"{broker.Port}" }))
        {
            await watcher.WaitForAsync("camdashboard/availability", "online", 60);
            killed.Process.Kill();
            await watcher.WaitForAsync("camdashboard/availability", "offline");
        }

        await using (var stopped = MqttApp(broker, TestApp.Pattern("door")))
        {
            _ = stopped.Address;
            await watcher.WaitForAsync("camdashboard/availability", "online");
        }

        await watcher.WaitForAsync("camdashboard/availability", "offline");
    }

    [Fact]
    public async Task WrongCredentials_AreSaidOnceInTheLog_TheAppServesOn_AndRightOnesPublish()
    {
        using var broker = MosquittoServer.Start(user: ("camdashboard", "Mqtt-Password-1"));
        await using (var wrong = MqttApp(broker, TestApp.Pattern("door")).With("Mqtt:Username", "camdashboard").With("Mqtt:Password", "not-it"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await wrong.Client().GetAsync("/snapshot/door")).StatusCode);
            await Eventually.True(() => wrong.Lines.Entries.Any(l => l.Contains("MQTT", StringComparison.Ordinal) && (l.Contains("NotAuthorized", StringComparison.Ordinal) || l.Contains("BadUserNameOrPassword", StringComparison.Ordinal))), $"the refusal is logged: {string.Join(" | ", wrong.Lines.Entries)}");
            // Retried (1 s, 2 s, 4 s…) without a line each time, and never with the password.
            await Task.Delay(TimeSpan.FromSeconds(3.5));
            Assert.Single(wrong.Lines.Entries, l => l.Contains("MQTT", StringComparison.Ordinal));
            Assert.DoesNotContain(wrong.Lines.Entries, l => l.Contains("not-it", StringComparison.Ordinal));
        }

        await using var right = MqttApp(broker, TestApp.Pattern("door")).With("Mqtt:Username", "camdashboard").With("Mqtt:Password", "Mqtt-Password-1");
        _ = right.Address;
        await Eventually.True(() => right.Lines.Entries.Any(l => l.Contains("MQTT: publishing", StringComparison.Ordinal)), "the app connected");
    }

    [Fact]
    public async Task OverTls_ABrokerSignedByThePrivateCaNamed_IsTrusted_AndWithoutIt_Refused()
    {
        using var broker = MosquittoServer.Start(tls: true);
        await using (var untrusted = MqttApp(broker, TestApp.Pattern("door")).With("Mqtt:Tls", "true"))
        {
            _ = untrusted.Address;
            await Eventually.True(() => untrusted.Lines.Entries.Any(l => l.Contains("MQTT: the broker", StringComparison.Ordinal)), "the untrusted certificate is refused, and said");
            Assert.DoesNotContain(untrusted.Lines.Entries, l => l.Contains("MQTT: publishing", StringComparison.Ordinal));
        }

        await using var trusted = MqttApp(broker, TestApp.Pattern("door")).With("Mqtt:Tls", "true").With("Mqtt:CaCertificate", broker.CaCertificatePath);
        _ = trusted.Address;
        await Eventually.True(() => trusted.Lines.Entries.Any(l => l.Contains("MQTT: publishing", StringComparison.Ordinal)), $"the app connected over TLS: {string.Join(" | ", trusted.Lines.Entries)}");
    }

    [Fact]
    public async Task ReadmesHomeAssistantSetup_AsWritten_PublishesAndStreams()
    {
        const string BrokerPassword = "Broker-Password-1";
        using var broker = MosquittoServer.Start(user: ("camdashboard", BrokerPassword));
        var environment = RepositoryFiles.ReadmeBlock("the\npassword replaced", "sh").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1].Replace("broker.lan", "127.0.0.1", StringComparison.Ordinal).Replace("the-broker-password", BrokerPassword, StringComparison.Ordinal));
        Assert.Equal(["Mqtt__Password", "Mqtt__Server", "Mqtt__Username"], environment.Keys.Order());
        environment["Mqtt__Port"] = $"{broker.Port}";
        environment["Cameras__0__Id"] = "door";
        environment["Cameras__0__Source"] = "testpattern";

        await using var watcher = await MqttWatcher.ConnectAsync(broker.Port, user: ("camdashboard", BrokerPassword));
        await using var app = new AppProcess(environment);
        await app.WaitUntilServingAsync();
        await watcher.WaitForAsync("camdashboard/availability", "online");
        await Eventually.True(() => watcher["homeassistant/sensor/camdashboard_door/state/config"] is not null, "Home Assistant is told of the camera");

        // README's curl, as written, against this app: the token it answers plays README's two URLs.
        var curl = RepositoryFiles.ReadmeBlock("shown\nthis once", "sh")
            .Replace("camera-box:5080", $"127.0.0.1:{app.Port}", StringComparison.Ordinal)
            .Replace("choose-a-password", TestApp.AdminPassword, StringComparison.Ordinal);
        var answer = JsonDocument.Parse(await Shell.RunAsync(curl));
        var token = answer.RootElement.GetProperty("token").GetString()!;
        var urls = RepositoryFiles.ReadmeBlock("shown\nthis once", "text").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1].Replace("camera-box:5080", $"127.0.0.1:{app.Port}", StringComparison.Ordinal).Replace("cdt_...", token, StringComparison.Ordinal))
            .ToList();
        using var homeAssistant = new HttpClient();
        await using (var stream = await StreamClient.OpenAsync(homeAssistant, urls[0]))
        {
            Assert.Equal(2, (await stream.Reader.ReadPartsAsync(2)).Count);
        }

        using var still = await new HttpClient().GetAsync(urls[1]);
        Assert.Equal("image/jpeg", still.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Mqtt:Server", "mqtt://broker.lan:1883", "Mqtt:Server")]
    [InlineData("Mqtt:Port", "70000", "Mqtt:Port")]
    [InlineData("Mqtt:Topic", "cams/#", "Mqtt:Topic")]
    [InlineData("Mqtt:Username", "camdashboard", "Mqtt:Password")]
    public async Task ASectionThatCannotWork_StopsStartUp_NamingTheKey(string key, string value, string named)
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Mqtt:Server", "127.0.0.1").With(key, value);
        var error = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains(named, error.GetBaseException().Message, StringComparison.Ordinal);
    }

    private static TestApp MqttApp(MosquittoServer broker, params CamDashboard.Streaming.Definitions.CameraOptions[] cameras) =>
        new TestApp(cameras).With("Mqtt:Server", "127.0.0.1").With("Mqtt:Port", $"{broker.Port}").With("Logging:LogLevel:CamDashboard.Mqtt", "Information");
}
