using System.Net;
using System.Net.Sockets;
using System.Text;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Hosting;

/// <summary>Issue 8, item 2: connections that send nothing used to pile up until file descriptors
/// ran out and the process died. Now they are capped overall and per address, and timed out;
/// at a cap new connections are refused while running viewers keep streaming.</summary>
public sealed class ConnectionLimitTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AtTheCap_IdleSocketsAreShedForARealRequest_WhileAViewerKeepsStreaming()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Server:MaxConnections", "20").With("Server:MaxConnectionsPerAddress", "0");
        await using var viewer = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await viewer.Reader.ReadPartsAsync(2, timeout.Token);

        var idle = new List<Socket>();
        try
        {
            // Three times the cap of sockets that send nothing: the cheapest flood there is.
            for (var i = 0; i < 60; i++)
            {
                idle.Add(await ConnectAsync(app.Address, IPAddress.Loopback));
            }

            // A request on a new connection is answered: an idle socket gave its slot up.
            Assert.True(await AnswersAsync(app.Address, IPAddress.Loopback), "a real request is served at the cap");
            // The running viewer never noticed.
            Assert.Equal(5, (await viewer.Reader.ReadPartsAsync(5, timeout.Token)).Count);
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task AtTheCap_AnonymousConnectionsMakeRoom_ButSignedInWorkIsNeverCut()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Server:MaxConnections", "6").With("Server:MaxConnectionsPerAddress", "0");
        var streams = new List<StreamClient>();
        var anonymous = new List<Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                streams.Add(await StreamClient.OpenAsync(app.Client(), "/stream/cam"));
            }

            // The other slots: kept-alive connections that asked something without signing in.
            for (var i = 0; i < 3; i++)
            {
                var socket = await ConnectAsync(app.Address, IPAddress.Loopback);
                Assert.True(await RequestAsync(socket, app.Address));
                anonymous.Add(socket);
            }

            // A signed-in viewer comes: an anonymous connection is closed for it, no stream is.
            streams.Add(await StreamClient.OpenAsync(app.Client(), "/stream/cam"));
            foreach (var stream in streams)
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                Assert.NotNull(await stream.Reader.ReadPartAsync(timeout.Token));
            }

            // Every slot does signed-in work now but two anonymous ones; once those are gone, a
            // newcomer is refused and the viewers go on.
            streams.Add(await StreamClient.OpenAsync(app.Client(), "/stream/cam"));
            streams.Add(await StreamClient.OpenAsync(app.Client(), "/stream/cam"));
            Assert.False(await AnswersAsync(app.Address, IPAddress.Loopback), "a seventh connection is refused");
            foreach (var stream in streams)
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                Assert.NotNull(await stream.Reader.ReadPartAsync(timeout.Token));
            }
        }
        finally
        {
            anonymous.ForEach(s => s.Dispose());
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StrangersGetNoCircuit_TheirPagesAreDrawnOnce()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var anonymous = app.Client(user: null);
        var page = await anonymous.GetAsync("/no-such-page");
        Assert.DoesNotContain("\"type\":\"server\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var negotiate = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.True(negotiate.StatusCode == HttpStatusCode.Unauthorized, $"{negotiate.StatusCode}: {await negotiate.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task AConnectionThatSendsNothing_IsClosedByTheServer()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Server:KeepAliveTimeout", "00:00:01").With("Server:RequestHeadersTimeout", "00:00:01");
        using var idle = await ConnectAsync(app.Address, IPAddress.Loopback);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)); // Kestrel's own default would be 130 s
        Assert.Equal(0, await idle.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token));
    }

    [Fact]
    public async Task OneAddress_CannotHoldMoreThanItsShare_AndOthersAreServed()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Server:MaxConnectionsPerAddress", "5");
        var other = IPAddress.Parse("127.0.0.2");
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                // A kept-alive connection that has been answered is certainly counted.
                var socket = await ConnectAsync(app.Address, other);
                Assert.True(await RequestAsync(socket, app.Address), "connections within the share are served");
                held.Add(socket);
            }

            Assert.False(await AnswersAsync(app.Address, other), "the sixth connection from that address is refused");
            Assert.True(await AnswersAsync(app.Address, IPAddress.Loopback), "another address is served");
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task PastTheStreamCap_AUserGets429_AndOthersStillStream()
    {
        await using var app = new TestApp(TestApp.Pattern()).With("Streaming:MaxStreamsPerUser", "2").With("Streaming:MaxStreamsPerAddress", "0");
        await using var first = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        await using var second = await StreamClient.OpenAsync(app.Client(), "/stream/cam");
        using var third = await app.Client().GetAsync("/stream/cam", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Streaming:MaxStreamsPerUser", await third.Content.ReadAsStringAsync());

        await app.Get<CamDashboard.Auth.UserAdministration>().CreateAsync("family", "Family-Password-1", CamDashboard.Auth.Roles.Viewer, "admin");
        await using var other = await StreamClient.OpenAsync(app.Client("family", "Family-Password-1"), "/stream/cam");
    }

    private static async Task<Socket> ConnectAsync(Uri server, IPAddress from)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);
        return socket;
    }

    /// <summary>Whether a fresh connection from <paramref name="from"/> gets an HTTP answer.</summary>
    private static async Task<bool> AnswersAsync(Uri server, IPAddress from)
    {
        try
        {
            using var socket = await ConnectAsync(server, from);
            return await RequestAsync(socket, server);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Sends one request for /healthz on the connection; whether an HTTP status line comes back.</summary>
    private static async Task<bool> RequestAsync(Socket socket, Uri server)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: {server.Authority}\r\n\r\n"));
            var buffer = new byte[512];
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            return read > 0 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("HTTP/1.1 ", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
