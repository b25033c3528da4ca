namespace CamDashboard.Tests.Infrastructure;

/// <summary>Waits for a condition the system reaches on its own (a state change, a viewer
/// leaving), polling briefly, and fails with the description if it is not reached in time.</summary>
public static class Eventually
{
    public static Task True(Func<bool> condition, string description, double timeoutSeconds = 10) =>
        True(() => Task.FromResult(condition()), description, timeoutSeconds);

    public static async Task True(Func<Task<bool>> condition, string description, double timeoutSeconds = 10)
    {
        // A monotonic clock: the wall clock of these VMs can jump (seen: 23 s at once).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail($"Not reached within {timeoutSeconds} s: {description}");
            }

            await Task.Delay(20);
        }
    }
}
