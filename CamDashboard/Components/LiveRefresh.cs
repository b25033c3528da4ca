namespace CamDashboard.Components;

/// <summary>Re-renders a page twice a second while it is open. Its figures (fps, bytes, states,
/// viewers joining and leaving) change all the time, so one steady, throttled render beats one
/// per event; disposing it stops the refresh when the page closes.</summary>
internal sealed class LiveRefresh : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private readonly PeriodicTimer _timer = new(Period);

    public LiveRefresh(Func<Action, Task> invokeAsync, Action render)
    {
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
