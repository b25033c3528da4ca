using System.Diagnostics;
using System.Net;
using CamDashboard.Auth;
using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Streaming;

/// <summary>go2rtc's and Frigate's URLs, which Home Assistant and Frigate users already have
/// configured, answer as the app's own do.</summary>
public sealed class DropInUrlTests
{
    [Theory]
    [InlineData("/api/frame.jpeg?src=cam")]
    [InlineData("/api/cam/latest.jpg")]
    public async Task ASnapshotAlias_AnswersAJpeg(string path)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var answer = await app.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("image/jpeg", answer.Content.Headers.ContentType?.MediaType);
        var jpeg = await answer.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
    }

    [Fact]
    public async Task Go2rtcsStreamUrl_IsAViewerOfTheCamera_AndFfmpegPlaysIt()
    {
        await using var app = new TestApp(TestApp.Pattern());
        var token = await app.Get<StreamTokens>().CreateAsync("ha", cameraId: null, expiresAt: null, by: "admin");
        var url = new Uri(app.Address, $"api/stream.mjpeg?src=cam&token={token}");
        var start = new ProcessStartInfo("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-f", "mpjpeg", "-i", url.ToString(), "-frames:v", "5", "-f", "null", "-"])
        {
            RedirectStandardError = true,
        };
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(ffmpeg.ExitCode == 0, await errors);
    }

    [Theory]
    [InlineData("/api/stream.mjpeg", HttpStatusCode.BadRequest)]
    [InlineData("/api/frame.jpeg?src=", HttpStatusCode.BadRequest)]
    [InlineData("/api/frame.jpeg?src=nope", HttpStatusCode.NotFound)]
    [InlineData("/api/nope/latest.jpg", HttpStatusCode.NotFound)]
    public async Task AMissingOrUnknownCamera_IsAClearAnswer(string path, HttpStatusCode expected)
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var answer = await app.Client().GetAsync(path);
        Assert.Equal(expected, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheAliases_NeedASignInLikeEverythingElse()
    {
        await using var app = new TestApp(TestApp.Pattern());
        using var anonymous = app.Client(user: null);
        using var frame = await anonymous.GetAsync("/api/frame.jpeg?src=cam");
        using var latest = await anonymous.GetAsync("/api/cam/latest.jpg");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (frame.StatusCode, latest.StatusCode));
    }
}
