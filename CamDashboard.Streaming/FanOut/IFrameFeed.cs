using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.FanOut;

/// <summary>What a viewer needs of a camera: its frames per tier, a way to say it wants them,
/// and how fast they come. The fan-out knows nothing else of cameras.</summary>
internal interface IFrameFeed
{
    /// <summary>Whether the camera is delivering frames now (a stale frame is not a live one).</summary>
    bool IsLive { get; }

    /// <summary>The slot <paramref name="tier"/>'s frames are published to.</summary>
    FrameSlot SlotFor(FrameTier tier);

    /// <summary>Asks for <paramref name="tier"/>'s frames, at most <paramref name="maxFps"/> a
    /// second (null: as fast as the camera goes), until the lease is disposed.</summary>
    IDisposable Watch(FrameTier tier, int? maxFps);

    /// <summary>The rate a fast connection would get <paramref name="tier"/> at, within <paramref name="maxFps"/>.</summary>
    double WantedFps(FrameTier tier, int? maxFps);
}
