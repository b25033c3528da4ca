using CamDashboard.Streaming.Frames;

namespace CamDashboard.Streaming.FanOut;

/// <summary>What a viewer needs of a camera: its frames per tier, a way to say it wants them,
/// and how fast they come. The fan-out knows nothing else of cameras.</summary>
internal interface IFrameFeed
{
    /// <summary>Whether the camera is down: its newest frame then is the "offline since" picture,
    /// worth showing a new viewer at once, however old. Otherwise a stale frame (left from before a
    /// standby) is not: a viewer waits for the next one.</summary>
    bool IsDown { get; }

    /// <summary>The slot <paramref name="tier"/>'s frames are published to.</summary>
    FrameSlot SlotFor(FrameTier tier);

    /// <summary>Asks for <paramref name="tier"/>'s frames, at most <paramref name="maxFps"/> a
    /// second (null: as fast as the camera goes), until the lease is disposed.</summary>
    IDisposable Watch(FrameTier tier, int? maxFps);

    /// <summary>The rate a fast connection would get <paramref name="tier"/> at, within <paramref name="maxFps"/>.</summary>
    double WantedFps(FrameTier tier, int? maxFps);
}
