using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Cameras;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Cameras:0:Quality", "150", "Cameras:0:Quality must be between 1 and 100 (was 150)")]
    [InlineData("Cameras:0:MaxFps", "0", "Cameras:0:MaxFps must be between 1 and 60")]
    [InlineData("Cameras:0:Id", "has space", "Cameras:0:Id must be 1-64 letters")]
    [InlineData("Cameras:0:Source", "", "Cameras:0:Source is required")]
    [InlineData("Streaming:StallTimeout", "00:00:00", "Streaming:StallTimeout must be a positive time span")]
    [InlineData("Cameras:0:MaxFps", "fast", "Cameras:0:MaxFps")]
    public async Task BadConfiguration_FailsAtStartUp_NamingTheKey(string key, string value, string expected)
    {
        await using var app = new TestApp(TestApp.Pattern()).With(key, value);
        var error = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains(expected, Flatten(error));
    }

    [Fact]
    public async Task DuplicateCameraIds_AreRefused()
    {
        await using var app = new TestApp(TestApp.Pattern("same"), TestApp.Pattern("SAME"));
        var error = Assert.ThrowsAny<Exception>(() => app.Address);
        Assert.Contains("Cameras:1:Id 'SAME' is used by another camera", Flatten(error));
    }

    [Fact]
    public async Task NoCamerasConfigured_ServesTwoTestPatterns()
    {
        await using var app = new TestApp();
        using var client = app.Client();
        using var response = await client.GetAsync("/snapshot/test2");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static string Flatten(Exception error) => error is AggregateException aggregate
        ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
        : error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException));
}
