namespace CamDashboard.Streaming.Cameras;

/// <summary>The <c>Streaming</c> configuration section.</summary>
public sealed class StreamingLimits
{
    /// <summary>A source that delivers no frame for this long is closed and reopened.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait before reopening a failed source; doubles per failure.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap of the reconnect back-off.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a snapshot waits for a fresh frame before answering 503.</summary>
    public TimeSpan SnapshotTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A stream viewer that has taken no frame for this long is disconnected.</summary>
    public TimeSpan ViewerIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
