using CamDashboard.Mqtt;

namespace Microsoft.Extensions.DependencyInjection;

internal static class MqttServiceCollectionExtensions
{
    /// <summary>With <c>Mqtt:Server</c>, the app publishes its cameras to that broker (and to Home
    /// Assistant through discovery). A section that cannot work stops start-up, naming its keys.</summary>
    public static IServiceCollection AddCamDashboardMqtt(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(MqttOptions.Section);
        var mqtt = section.Get<MqttOptions>() ?? new MqttOptions();
        if (!mqtt.IsEnabled)
        {
            return services;
        }

        if (mqtt.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.Configure<MqttOptions>(section);
        services.AddHostedService<MqttPublisher>();
        return services;
    }
}
