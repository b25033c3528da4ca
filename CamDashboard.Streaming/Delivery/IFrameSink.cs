using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.Delivery;

/// <summary>Where one viewer's frames go: Kestrel's response body, the connection's socket
/// itself, or a dashboard's tile socket. <see cref="ViewerSession"/> runs the same loop over each.</summary>
internal interface IFrameSink
{
    /// <summary>Whether the sink sees its link (<see cref="WaitForRoomAsync"/> waits; a tier may follow it).</summary>
    bool SeesTheLink { get; }

    /// <summary>Waits until the link has room for the next frame; returns how long it waited.</summary>
    ValueTask<TimeSpan> WaitForRoomAsync(CancellationToken cancellationToken);

    /// <summary>Writes one frame: the bytes it took and how long the write waited for the link,
    /// or <see cref="FrameWrite.Closed"/> when the client can take no more.</summary>
    ValueTask<FrameWrite> WriteAsync(EncodedFrame frame, CancellationToken cancellationToken);
}

/// <summary>What writing one frame took.</summary>
internal readonly record struct FrameWrite(int Bytes, TimeSpan WaitedForLink)
{
    public static readonly FrameWrite Closed = new(-1, TimeSpan.Zero);

    public bool IsClosed => Bytes < 0;
}
