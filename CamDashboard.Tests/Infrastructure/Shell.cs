using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>Runs a README command as a user pastes it into bash.</summary>
public static class Shell
{
    /// <summary>The standard output of <paramref name="script"/>, which must succeed within <paramref name="timeout"/> (a minute).</summary>
    public static async Task<string> RunAsync(string script, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var error = process.StandardError.ReadToEndAsync(cancel.Token);
        await process.WaitForExitAsync(cancel.Token);
        Assert.True(process.ExitCode == 0, $"'{script}' failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
