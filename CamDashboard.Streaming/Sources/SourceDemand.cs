namespace CamDashboard.Streaming.Sources;

/// <summary>What the capture loop wants from a source right now. <see cref="Frames"/> false is
/// standby: nobody needs the source's pixels, so it delivers none and only checks, cheaply and
/// now and then, that the camera is still there. <see cref="Changed"/> is cancelled as soon as
/// a newer demand replaces this one, so a source idling or pacing itself wakes at once.</summary>
/// <param name="Frames">Whether frames are wanted at all.</param>
/// <param name="MaxFps">The most frames per second wanted: a source that can, delivers no more.</param>
/// <param name="SmallOnly">Only the small tier is watched: a source that can scale cheaply
/// (FFmpeg) may deliver pictures already reduced to the small tier's size.</param>
/// <param name="CheckEvery">In standby, how often a source that has to ask the camera (a probe
/// request, a snapshot) checks that it is still there.</param>
/// <param name="Changed">Cancelled when this demand is replaced.</param>
public sealed record SourceDemand(bool Frames, int MaxFps, bool SmallOnly, TimeSpan CheckEvery, CancellationToken Changed)
{
    /// <summary>How long an idle <see cref="ICameraSource.Read"/> waits for a change before it returns.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);

    /// <summary>Whether a source configured for <paramref name="other"/> delivers what this asks for
    /// (the token aside): sources that must restart to change what they deliver compare with it.</summary>
    public bool SameOutput(SourceDemand? other) =>
        other is not null && other.Frames == Frames && (!Frames || (other.MaxFps == MaxFps && other.SmallOnly == SmallOnly));

    /// <summary>Waits until the demand changes or <paramref name="timeout"/> passes.</summary>
    public void WaitForChange(TimeSpan timeout) => Changed.WaitHandle.WaitOne(timeout);
}
