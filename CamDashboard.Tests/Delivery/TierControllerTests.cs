using CamDashboard.Streaming.Delivery;
using CamDashboard.Streaming.Frames;
using Microsoft.Extensions.Time.Testing;

namespace CamDashboard.Tests.Delivery;

public sealed class TierControllerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void ViewerThatKeepsWaitingAndFallsBehind_StepsDownOneTierASecond_ToSmall()
    {
        var tiers = new TierController(_time, FrameTier.Full, () => 30);
        // 10 fps of a 30 fps camera, half of each second spent waiting for the link.
        Assert.Equal(FrameTier.Low, RunSecond(tiers, fps: 10, waitShare: 0.5));
        Assert.Equal(FrameTier.Small, RunSecond(tiers, fps: 10, waitShare: 0.5));
        Assert.Equal(FrameTier.Small, RunSecond(tiers, fps: 10, waitShare: 0.5));
    }

    [Fact]
    public void ViewerThatKeepsUp_StaysWhereItIs_EvenWhenItWaitsSometimes()
    {
        var tiers = new TierController(_time, FrameTier.Full, () => 30);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(FrameTier.Full, RunSecond(tiers, fps: 29, waitShare: 0.3));
        }
    }

    [Fact]
    public void LinkThatRecovers_StepsBackUp_AfterTwoComfortableSeconds()
    {
        var tiers = new TierController(_time, FrameTier.Small, () => 30);
        Assert.Equal(FrameTier.Small, RunSecond(tiers, fps: 30, waitShare: 0));
        Assert.Equal(FrameTier.Low, RunSecond(tiers, fps: 30, waitShare: 0));
        Assert.Equal(FrameTier.Low, RunSecond(tiers, fps: 30, waitShare: 0));
        Assert.Equal(FrameTier.Full, RunSecond(tiers, fps: 30, waitShare: 0));
    }

    [Fact]
    public void StepUpThatDoesNotFit_DoublesTheWaitBeforeTheNextTry()
    {
        var tiers = new TierController(_time, FrameTier.Low, () => 30);
        // Low fits, Full does not: each failed try doubles the comfortable time needed (2, 4, 8 s).
        var tries = new List<int>();
        for (var second = 1; second <= 40; second++)
        {
            var tier = tiers.Tier;
            var next = tier == FrameTier.Full ? RunSecond(tiers, fps: 12, waitShare: 0.6) : RunSecond(tiers, fps: 30, waitShare: 0);
            if (tier == FrameTier.Low && next == FrameTier.Full)
            {
                tries.Add(second);
            }
        }

        Assert.Equal([2, 7, 16, 33], tries);
    }

    private FrameTier RunSecond(TierController tiers, int fps, double waitShare)
    {
        var tier = tiers.Tier;
        for (var i = 0; i < fps; i++)
        {
            // Whole ticks that add up to exactly one second.
            var frameTime = TimeSpan.FromTicks(((i + 1) * TimeSpan.TicksPerSecond / fps) - (i * TimeSpan.TicksPerSecond / fps));
            _time.Advance(frameTime);
            tier = tiers.OnFrameSent(frameTime * waitShare);
        }

        return tier;
    }
}
