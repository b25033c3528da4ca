using System.Text.Json;
using System.Text.Json.Nodes;
using CamDashboard.Streaming.Cameras;

namespace CamDashboard.Mqtt;

/// <summary>Home Assistant's MQTT discovery messages for one camera: a device holding a state
/// sensor (an enum of the states), an "online" connectivity sensor and a viewer count, each
/// unavailable while the app is offline. The keys are those of Home Assistant's MQTT sensor and
/// binary sensor schemas (<c>homeassistant/components/mqtt/sensor.py</c>, <c>binary_sensor.py</c>).</summary>
internal static class HomeAssistantDiscovery
{
    /// <summary>Every state's payload, as the state topic carries it.</summary>
    public static readonly IReadOnlyList<string> States = [.. Enum.GetValues<CameraState>().Select(MqttTopics.StateName)];

    /// <summary>The discovery topics and their payloads for <paramref name="camera"/>.</summary>
    public static IEnumerable<(string Topic, string Payload)> For(Camera camera, MqttTopics topics, MqttOptions options)
    {
        var node = NodeId(camera.Id);
        var prefix = options.DiscoveryPrefix;
        yield return ($"{prefix}/sensor/{node}/state/config", Payload(camera, topics, options, "state", new JsonObject
        {
            ["name"] = "State",
            ["state_topic"] = topics.State(camera.Id),
            ["device_class"] = "enum",
            ["options"] = new JsonArray([.. States.Select(s => JsonValue.Create(s))]),
            ["icon"] = "mdi:cctv",
        }));
        yield return ($"{prefix}/binary_sensor/{node}/online/config", Payload(camera, topics, options, "online", new JsonObject
        {
            ["name"] = "Online",
            ["state_topic"] = topics.State(camera.Id),
            ["device_class"] = "connectivity",
            // Up is live, or standby: reachable, nobody watching.
            ["value_template"] = "{{ 'ON' if value in ('live', 'standby') else 'OFF' }}",
        }));
        yield return ($"{prefix}/sensor/{node}/viewers/config", Payload(camera, topics, options, "viewers", new JsonObject
        {
            ["name"] = "Viewers",
            ["state_topic"] = topics.Viewers(camera.Id),
            ["state_class"] = "measurement",
            ["icon"] = "mdi:eye",
        }));
        if (camera.Settings.Activity is not null)
        {
            yield return ($"{prefix}/binary_sensor/{node}/activity/config", Payload(camera, topics, options, "activity", new JsonObject
            {
                ["name"] = "Activity",
                ["state_topic"] = topics.Activity(camera.Id),
                ["device_class"] = "motion",
                ["payload_on"] = MqttTopics.On,
                ["payload_off"] = MqttTopics.Off,
            }));
        }
    }

    /// <summary>The discovery topics of a camera with this id (to clear them when it is removed).</summary>
    public static IEnumerable<string> TopicsOf(string cameraId, MqttOptions options)
    {
        var node = NodeId(cameraId);
        return [$"{options.DiscoveryPrefix}/sensor/{node}/state/config", $"{options.DiscoveryPrefix}/binary_sensor/{node}/online/config", $"{options.DiscoveryPrefix}/sensor/{node}/viewers/config", $"{options.DiscoveryPrefix}/binary_sensor/{node}/activity/config"];
    }

    private static string NodeId(string cameraId) => $"camdashboard_{cameraId}";

    private static string Payload(Camera camera, MqttTopics topics, MqttOptions options, string entity, JsonObject fields)
    {
        var device = new JsonObject
        {
            ["identifiers"] = new JsonArray(NodeId(camera.Id)),
            ["name"] = camera.Name,
            ["manufacturer"] = "CamDashboard",
            ["model"] = camera.SourceDescription,
        };
        if (options.DashboardUrl is { } dashboard)
        {
            device["configuration_url"] = new Uri(new Uri(dashboard.EndsWith('/') ? dashboard : dashboard + "/"), $"cameras/{Uri.EscapeDataString(camera.Id)}").ToString();
        }

        fields["unique_id"] = $"{NodeId(camera.Id)}_{entity}";
        fields["availability_topic"] = topics.Availability;
        fields["payload_available"] = MqttTopics.Online;
        fields["payload_not_available"] = MqttTopics.Offline;
        fields["device"] = device;
        fields["origin"] = new JsonObject { ["name"] = "CamDashboard" };
        return fields.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
