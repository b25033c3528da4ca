namespace CamDashboard.Mqtt;

/// <summary>The <c>Mqtt</c> section. Without <see cref="Server"/> nothing is published. The app
/// only publishes: no command is taken from the broker, whose users are not the app's.</summary>
internal sealed class MqttOptions
{
    public const string Section = "Mqtt";

    /// <summary>The broker's host name or address.</summary>
    public string? Server { get; set; }

    /// <summary>The broker's port: 1883, or 8883 with <see cref="Tls"/>, unless given.</summary>
    public int? Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Connect over TLS, checking the broker's certificate (against the system's CAs, or <see cref="CaCertificate"/>).</summary>
    public bool Tls { get; set; }

    /// <summary>A PEM file of the CA that signed the broker's certificate (a private CA), trusted for the broker only.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>The first level of every topic: <c>camdashboard/availability</c>, <c>camdashboard/cameras/…</c>.</summary>
    public string Topic { get; set; } = "camdashboard";

    /// <summary>Whether Home Assistant's MQTT discovery messages are published (under <see cref="DiscoveryPrefix"/>).</summary>
    public bool Discovery { get; set; } = true;

    /// <summary>Home Assistant's discovery prefix.</summary>
    public string DiscoveryPrefix { get; set; } = "homeassistant";

    /// <summary>The client id at the broker; one per app (two clients with one id push each other off).</summary>
    public string? ClientId { get; set; }

    /// <summary>The dashboard's address as people open it, for Home Assistant's "visit device" link.</summary>
    public string? DashboardUrl { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Server);

    public int EffectivePort => Port ?? (Tls ? 8883 : 1883);

    /// <summary>What is wrong with the section, naming each key; empty when it is usable.</summary>
    public List<string> Problems()
    {
        List<string> problems = [];
        if (!IsEnabled)
        {
            return problems;
        }

        if (Server!.Contains("://", StringComparison.Ordinal) || Server.Contains(':', StringComparison.Ordinal) && !Server.StartsWith('['))
        {
            problems.Add($"Mqtt:Server must be the broker's host name or address alone (was '{Server}'); the port goes in Mqtt:Port, TLS in Mqtt:Tls.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"Mqtt:Port must be from 1 to 65535 (was {Port}).");
        }

        if (!IsTopicLevel(Topic))
        {
            problems.Add($"Mqtt:Topic must be a topic without wildcards (+, #) or a leading or trailing slash, e.g. camdashboard (was '{Topic}').");
        }

        if (Discovery && !IsTopicLevel(DiscoveryPrefix))
        {
            problems.Add($"Mqtt:DiscoveryPrefix must be a topic without wildcards or a leading or trailing slash, e.g. homeassistant (was '{DiscoveryPrefix}').");
        }

        if (CaCertificate is not null && !Tls)
        {
            problems.Add("Mqtt:CaCertificate is only used with Mqtt:Tls: true.");
        }
        else if (CaCertificate is not null && !File.Exists(CaCertificate))
        {
            problems.Add($"Mqtt:CaCertificate names a file that does not exist: {CaCertificate}.");
        }

        if (Username is null != (Password is null))
        {
            problems.Add("Mqtt:Username and Mqtt:Password go together.");
        }

        if (DashboardUrl is not null && (!Uri.TryCreate(DashboardUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            problems.Add($"Mqtt:DashboardUrl must be an http(s) address, e.g. http://cameras.lan:5080/ (was '{DashboardUrl}').");
        }

        return problems;
    }

    private static bool IsTopicLevel(string? topic) =>
        !string.IsNullOrWhiteSpace(topic) && topic.IndexOfAny(['+', '#', '\0']) < 0 && topic[0] != '/' && topic[^1] != '/';
}
