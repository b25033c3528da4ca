namespace CamDashboard.Components;

/// <summary>Re-renders a page twice a second while it is open. Its figures (fps, bytes, states,
/// viewers joining and leaving) change all the time, so one steady, throttled render beats one
/// per event; disposing it stops the refresh when the page closes. It ticks on the app's
/// <see cref="TimeProvider"/>, so component tests decide when a page re-renders.</summary>
internal sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private readonly PeriodicTimer _timer;

    public LiveRefresh(TimeProvider time, Func<Action, Task> invokeAsync, Action render)
    {
        _timer = new PeriodicTimer(Period, time);
        _ = RunAsync(invokeAsync, render);
    }

    public void Dispose() => _timer.Dispose();

    private async Task RunAsync(Func<Action, Task> invokeAsync, Action render)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync())
            {
                await invokeAsync(render);
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between two ticks.
        }
    }
}
