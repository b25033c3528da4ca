using CamDashboard.Streaming.Timing;
using Microsoft.Extensions.Time.Testing;

namespace CamDashboard.Tests.Timing;

public sealed class RateBudgetTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private int Passed(double sourceFps, double budgetFps, double jitter, int frames)
    {
        var budget = new RateBudget(_time);
        var random = new Random(7);
        var start = _time.GetUtcNow();
        var passed = 0;
        for (var i = 0; i < frames; i++)
        {
            // On a fixed schedule, each frame a little early or late, as a paced source's are.
            var due = start + TimeSpan.FromSeconds((i + 1 + (random.NextDouble() * 2 - 1) * jitter) / sourceFps);
            _time.Advance(due - _time.GetUtcNow());
            passed += budget.TryTake(budgetFps) ? 1 : 0;
        }

        return passed;
    }

    [Fact]
    public void ASourceAtTheBudgetsRate_LosesNoFrameToJitter() => Assert.Equal(100, Passed(5, 5, jitter: 0.15, frames: 100));

    [Fact]
    public void AFasterSource_IsThinnedToTheBudget() => Assert.InRange(Passed(30, 5, jitter: 0.15, frames: 300), 48, 53);
}
