namespace CamDashboard.Mqtt;

internal static partial class MqttLog
{
    [LoggerMessage(1, LogLevel.Information, "MQTT: publishing to the broker at {Broker} as {ClientId}, under {Topic}/.")]
    public static partial void Connected(ILogger logger, string broker, string clientId, string topic);

    [LoggerMessage(2, LogLevel.Warning, "MQTT: the broker at {Broker} could not be used: {Reason}. Retrying (every 1 s, growing to {Retry} s); nothing else is affected.")]
    public static partial void Unavailable(ILogger logger, string broker, string reason, int retry);

    [LoggerMessage(3, LogLevel.Warning, "MQTT: the connection to the broker at {Broker} was lost ({Reason}); reconnecting.")]
    public static partial void Lost(ILogger logger, string broker, string reason);
}
