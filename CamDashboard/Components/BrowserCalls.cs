using Microsoft.JSInterop;

namespace CamDashboard.Components;

/// <summary>Calls into the browser made after render or on dispose, when the page may be going
/// away (a tab closed, a quick navigation): a circuit that has ended, or a call cancelled or never
/// answered with it, ends the call quietly instead of as an unhandled error of the circuit. A
/// script's own error (<see cref="JSException"/>) is still one.</summary>
internal static class BrowserCalls
{
    /// <summary>Calls <paramref name="identifier"/>; false when the browser had gone.</summary>
    public static async Task<bool> TryInvokeVoidAsync(this IJSRuntime js, string identifier, params object?[] args)
    {
        try
        {
            await js.InvokeVoidAsync(identifier, args);
            return true;
        }
        catch (Exception ex) when (IsGone(ex))
        {
            return false;
        }
    }

    /// <summary>Calls <paramref name="identifier"/>, waiting at most <paramref name="timeout"/> (a page
    /// being torn down during shutdown may never answer); false when the browser had gone.</summary>
    public static async Task<bool> TryInvokeVoidAsync(this IJSRuntime js, string identifier, TimeSpan timeout, params object?[] args)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await js.InvokeVoidAsync(identifier, cancel.Token, args);
            return true;
        }
        catch (Exception ex) when (IsGone(ex))
        {
            return false;
        }
    }

    /// <summary>Calls <paramref name="identifier"/> for a value; <paramref name="fallback"/> when the browser had gone.</summary>
    public static async Task<T> TryInvokeAsync<T>(this IJSRuntime js, string identifier, T fallback, params object?[] args)
    {
        try
        {
            return await js.InvokeAsync<T>(identifier, args);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            return fallback;
        }
    }

    private static bool IsGone(Exception ex) => ex is JSDisconnectedException or OperationCanceledException;
}
