using System.Diagnostics;
using System.Net.Http.Json;
using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Events;

/// <summary>README's JavaScript client of /hubs/events, run as written (Node and npm's @microsoft/signalr).</summary>
public sealed class EventsReadmeTests
{
    [Fact]
    public async Task ReadmesJavaScriptClient_WithAToken_PrintsCameraStates()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var token = await app.Get<StreamTokens>().CreateAsync("events script", cameraId: null, expiresAt: null, by: "admin");
        // Beside the test project's node_modules, which the script's import resolves from.
        var script = Path.Combine(Path.GetDirectoryName(RepositoryFiles.Find("node_modules/@microsoft/signalr/package.json"))!, "..", "..", "..", "obj", "readme-events.mjs");
        await File.WriteAllTextAsync(script, RepositoryFiles.ReadmeBlock("as `events.mjs`", "js"));

        var start = new ProcessStartInfo("node", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CAMDASHBOARD_EVENTS"] = new Uri(app.Address, $"hubs/events?token={token}").ToString();
        using var node = Process.Start(start)!;
        try
        {
            Assert.Equal("listening", await ReadLineAsync(node));
            using (var added = await app.Client().PostAsJsonAsync("/api/cameras", new { id = "yard", source = "http://127.0.0.1:9/snapshot.jpg" }))
            {
                added.EnsureSuccessStatusCode();
            }

            string line;
            do
            {
                line = await ReadLineAsync(node);
            }
            while (!line.Contains(" yard is ", StringComparison.Ordinal));

            Assert.Matches(@"^\d{4}-\d\d-\d\dT\S+ yard is (Starting|Reconnecting|Unreachable)$", line);
        }
        finally
        {
            node.Kill();
            await node.WaitForExitAsync();
        }
    }

    private static async Task<string> ReadLineAsync(Process node)
    {
        var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
        return line ?? throw new InvalidOperationException($"node ended: {await node.StandardError.ReadToEndAsync()}");
    }
}
