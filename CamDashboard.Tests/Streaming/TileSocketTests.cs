using System.Net.WebSockets;
using CamDashboard.Streaming.Viewers;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Streaming;

/// <summary>The dashboard's tile socket ending as the page needs it to.</summary>
public sealed class TileSocketTests
{
    [Fact]
    public async Task AKickWhileAFrameIsStillBeingSent_StillTellsThePageItWasKicked()
    {
        // Large frames and a client that has stopped reading: the server is inside a send when the kick comes.
        await using var app = new TestApp(TestApp.Pattern(width: 1280, height: 720, fps: 30, texture: true));
        using var tiles = await TileSocket.OpenAsync(app, "cameras=cam&tier=full&fps=30", receiveBuffer: 16 * 1024);
        await tiles.ReceiveAsync();
        var viewer = app.Get<IViewerRegistry>().Viewers.Single();
        await Eventually.True(() => viewer.WriteBlockedFor() > TimeSpan.FromMilliseconds(200), "the server's send waits for the client");

        Assert.True(app.Get<IViewerRegistry>().Kick(viewer.Id));
        // The client reads again within the grace: the frame under way ends whole, then the close says why.
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await tiles.ClosedAsync());
    }
}
