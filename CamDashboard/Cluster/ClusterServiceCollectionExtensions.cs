using CamDashboard.Cluster;
using CamDashboard.Streaming.Definitions;
using CamDashboard.Streaming.Sources;
using CamDashboard.Streaming.Viewers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ClusterServiceCollectionExtensions
{
    /// <summary>With <c>Cluster:Redis</c>, this node joins the cluster: events, viewers, kicks and
    /// camera ownership go through Redis, and SignalR's Redis backplane carries <c>/hubs/events</c>.
    /// Without it, nothing here is registered and the app is one node. A section that cannot
    /// work stops start-up, naming its keys.</summary>
    public static IServiceCollection AddCamDashboardCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!cluster.IsClustered)
        {
            return services;
        }

        if (cluster.Problems(configuration["Database:Provider"]) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.Section));
        services.AddSingleton<IConnectionMultiplexer>(_ => Connect(cluster.Redis!));
        // The node's number comes from Redis before anything registers a viewer: ids stay unique cluster-wide.
        services.AddOptions<CameraStreamingOptions>().Configure<IConnectionMultiplexer>((o, redis) => o.NodeNumber = NodeNumbers.Of(redis, cluster.Node));
        services.AddSingleton<RedisViewerDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisViewerDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IRemoteViewers>(sp => sp.GetRequiredService<RedisViewerDirectory>()));
        services.AddHostedService<RedisEventBus>();
        services.AddSingleton<CameraLeases>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraLeases>());
        services.Replace(ServiceDescriptor.Singleton<ICameraRelays>(sp => sp.GetRequiredService<CameraLeases>()));
        services.AddSignalR().AddStackExchangeRedis(cluster.Redis!, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(ClusterKeys.SignalR));
        return services;
    }

    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.ClientName = "camdashboard";
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisConnectionException ex)
        {
            // Its configuration string (which may hold a password) is not repeated: only where it went.
            throw new InvalidOperationException($"Cluster:Redis: no Redis answered at {string.Join(", ", options.EndPoints)} ({ex.FailureType}).", ex);
        }
    }
}
