namespace CamDashboard.Streaming.Definitions;

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

    /// <summary>Kernel send buffer of a stream connection, in bytes (Linux doubles it); 0 keeps the
    /// system's auto-tuning. Small enough that a viewer on a slow link holds about two frames in
    /// flight and gets the newest frame next, instead of seconds of old ones queued in the kernel.</summary>
    public int SendBufferBytes { get; set; } = 64 * 1024;

    /// <summary>Open MJPEG streams one user (or token) may hold at once; 0: no cap. Past it: 429.</summary>
    public int MaxStreamsPerUser { get; set; } = 64;

    /// <summary>Open MJPEG streams one client address may hold at once; 0: no cap. Past it: 429.</summary>
    public int MaxStreamsPerAddress { get; set; } = 64;

    /// <summary>A kicked or idled-out stream viewer gets this long to take the part being sent
    /// (so it ends on a whole part), and then to read up to the end before the connection is closed.</summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A camera whose last viewer left keeps decoding this long (someone moving from the
    /// grid to a camera page and back finds it awake), then goes to standby.</summary>
    public TimeSpan StandbyAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a camera in standby is checked when that takes a request (an RTSP
    /// <c>DESCRIBE</c>, a snapshot); a camera that died is reported down within this plus a few
    /// seconds. Streams read in standby (HTTP MJPEG) are checked by every part that arrives.</summary>
    public TimeSpan StandbyCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest frame a camera may send, in bytes, whatever its headers say.</summary>
    public int MaxFrameBytes { get; set; } = FrameLimits.Default.MaxBytes;

    /// <summary>Largest picture a camera may send, in pixels (width × height), checked from the
    /// frame's own header before it is decoded or passed on.</summary>
    public long MaxFramePixels { get; set; } = FrameLimits.Default.MaxPixels;

    /// <summary><see cref="MaxFrameBytes"/> and <see cref="MaxFramePixels"/> together.</summary>
    public FrameLimits Frames => new(MaxFrameBytes, MaxFramePixels);

    /// <summary>A stream viewer that has taken no frame for this long is disconnected.</summary>
    public TimeSpan ViewerIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
