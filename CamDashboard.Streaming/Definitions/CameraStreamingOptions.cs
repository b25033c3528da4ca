namespace CamDashboard.Streaming.Definitions;

/// <summary>Cameras and streaming limits, bound from the configuration root
/// (the <c>Cameras</c> list, the <c>Streaming</c> and <c>Sources</c> sections, <c>Cluster:Node</c>).</summary>
public sealed class CameraStreamingOptions
{
    /// <summary>The configured cameras; when empty, two test-pattern cameras are served.</summary>
    public IList<CameraOptions> Cameras { get; } = [];

    /// <summary>Timing limits of capture and delivery.</summary>
    public StreamingLimits Streaming { get; set; } = new();

    /// <summary>What cameras added at runtime may open (the <c>Sources</c> section).</summary>
    public SourcesOptions Sources { get; } = new();

    /// <summary>This node's name in a cluster (<c>Cluster:Node</c>); empty on a single node.</summary>
    public string Node { get; set; } = "";

    /// <summary>This node's number in a cluster, unique among its nodes (given by the cluster at
    /// start-up; 0 on a single node). Viewer ids start at it shifted by 32 bits, so that an id
    /// names one viewer cluster-wide.</summary>
    public int NodeNumber { get; set; }

    /// <summary>The test patterns served while no camera is configured or added.</summary>
    internal static IReadOnlyList<CameraOptions> BuiltInCameras() =>
    [
        new CameraOptions { Id = "test1", Name = "Test pattern 1", Source = CameraSourceSpec.TestPattern },
        new CameraOptions { Id = "test2", Name = "Test pattern 2", Source = CameraSourceSpec.TestPattern },
    ];
}
