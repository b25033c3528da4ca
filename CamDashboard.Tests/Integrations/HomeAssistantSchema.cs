using System.Text.Json;

namespace CamDashboard.Tests.Integrations;

/// <summary>What Home Assistant's MQTT discovery accepts for a sensor and a binary sensor: the
/// keys of their schemas (<c>homeassistant/components/mqtt/sensor.py</c>, <c>binary_sensor.py</c>,
/// with <c>MQTT_RO_SCHEMA</c>, <c>MQTT_ENTITY_COMMON_SCHEMA</c> and the device schema of
/// <c>schemas.py</c>) and their rules. Discovery drops keys it does not know without a word,
/// so an unknown key here is a setting Home Assistant would never see.</summary>
internal static class HomeAssistantSchema
{
    private static readonly string[] Common =
    [
        // MQTT_RO_SCHEMA
        "state_topic", "value_template", "qos", "encoding",
        // MQTT_ENTITY_COMMON_SCHEMA: availability, attributes, identity
        "availability_topic", "availability_template", "payload_available", "payload_not_available", "availability", "availability_mode",
        "device", "enabled_by_default", "entity_category", "entity_picture", "icon", "json_attributes_topic", "json_attributes_template",
        "default_entity_id", "object_id", "unique_id", "name",
        // The discovery payload's origin.
        "origin",
    ];

    private static readonly Dictionary<string, string[]> Platform = new()
    {
        ["sensor"] = ["device_class", "expire_after", "force_update", "last_reset_value_template", "options", "suggested_display_precision", "state_class", "unit_of_measurement"],
        ["binary_sensor"] = ["device_class", "expire_after", "force_update", "off_delay", "payload_on", "payload_off"],
    };

    private static readonly Dictionary<string, string[]> DeviceClasses = new()
    {
        ["sensor"] = ["enum", "timestamp", "duration", "data_rate", "data_size", "power", "energy", "temperature"],
        ["binary_sensor"] = ["connectivity", "motion", "occupancy", "problem", "running", "moving", "presence"],
    };

    private static readonly string[] DeviceKeys =
        ["configuration_url", "connections", "hw_version", "identifiers", "manufacturer", "model", "model_id", "name", "serial_number", "suggested_area", "sw_version", "via_device"];

    private static readonly string[] StateClasses = ["measurement", "total", "total_increasing", "measurement_angle"];

    /// <summary>Parses <paramref name="payload"/> and fails on anything the platform's schema would refuse or drop.</summary>
    public static JsonElement Check(string platform, string payload)
    {
        var entity = JsonDocument.Parse(payload).RootElement.Clone();
        var allowed = Common.Concat(Platform[platform]).ToHashSet(StringComparer.Ordinal);
        foreach (var key in entity.EnumerateObject().Select(p => p.Name))
        {
            Assert.True(allowed.Contains(key), $"{platform}: Home Assistant does not know '{key}'.");
        }

        Assert.True(entity.TryGetProperty("state_topic", out var topic) && topic.GetString() is { Length: > 0 } t && !t.Contains('#') && !t.Contains('+'), $"{platform}: state_topic is required, without wildcards.");
        if (entity.TryGetProperty("device_class", out var deviceClass))
        {
            Assert.Contains(deviceClass.GetString(), DeviceClasses[platform]);
        }

        if (entity.TryGetProperty("state_class", out var stateClass))
        {
            Assert.Contains(stateClass.GetString(), StateClasses);
        }

        // sensor.py: options only for an enum sensor, not empty, and then no state class or unit.
        if (entity.TryGetProperty("options", out var options))
        {
            Assert.True(options.GetArrayLength() > 0, "An empty options list is not allowed.");
            Assert.Equal("enum", deviceClass.GetString());
            Assert.False(entity.TryGetProperty("state_class", out _), "An enum sensor has no state class.");
            Assert.False(entity.TryGetProperty("unit_of_measurement", out _), "An enum sensor has no unit.");
        }

        if (entity.TryGetProperty("device", out var device))
        {
            // A device needs identifiers or connections, and an entity a unique_id to join it.
            Assert.True(entity.TryGetProperty("unique_id", out _), "An entity with a device needs a unique_id.");
            Assert.True(device.TryGetProperty("identifiers", out _) || device.TryGetProperty("connections", out _), "A device needs identifiers or connections.");
            Assert.All(device.EnumerateObject(), p => Assert.Contains(p.Name, DeviceKeys));
        }

        if (entity.TryGetProperty("origin", out var origin))
        {
            Assert.True(origin.TryGetProperty("name", out _), "origin needs a name.");
        }

        return entity;
    }
}
