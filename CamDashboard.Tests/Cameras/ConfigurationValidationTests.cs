using CamDashboard.Streaming.Cameras;
using CamDashboard.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CamDashboard.Streaming.Definitions;

namespace CamDashboard.Tests.Cameras;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Cameras:0:Quality", "150", "Cameras:0:Quality must be between 1 and 100 (was 150)")]
    [InlineData("Cameras:0:MaxFps", "0", "Cameras:0:MaxFps must be between 1 and 60")]
    [InlineData("Cameras:0:Id", "has space", "Cameras:0:Id must be 1-64 letters")]
    [InlineData("Cameras:0:Source", "", "Cameras:0:Source is required")]
    [InlineData("Streaming:StallTimeout", "00:00:00", "Streaming:StallTimeout must be a positive time span")]
    [InlineData("Streaming:SendBufferBytes", "12", "Streaming:SendBufferBytes must be 0")]
    [InlineData("Cameras:0:MaxFps", "fast", "Cameras:0:MaxFps")]
    public void BadConfiguration_IsRefused_WithAMessageNamingTheKey(string key, string value, string expected)
    {
        // A value that does not convert fails in the binder; a wrong one in validation. Both name the key.
        var error = Record.Exception(() => Resolve(new() { ["Cameras:0:Id"] = "cam", ["Cameras:0:Source"] = "testpattern", [key] = value }));
        Assert.True(error is OptionsValidationException or InvalidOperationException, $"unexpected {error?.GetType().Name}: {error?.Message}");
        Assert.Contains(expected, error!.Message + error.InnerException?.Message);
    }

    [Fact]
    public void DuplicateCameraIds_AreRefused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Cameras:0:Id"] = "same", ["Cameras:0:Source"] = "testpattern",
            ["Cameras:1:Id"] = "SAME", ["Cameras:1:Source"] = "testpattern",
        }));
        Assert.Contains("Cameras:1:Id 'SAME' is used by another camera", error.Message);
    }

    [Fact]
    public async Task BadConfiguration_StopsTheAppAtStartUp()
    {
        await using var app = new TestApp(TestApp.Pattern(quality: 150));
        var error = Assert.Throws<OptionsValidationException>(() => app.Address);
        Assert.Contains("Cameras:0:Quality", error.Message);
    }

    [Fact]
    public async Task NoCamerasConfigured_ServesTwoTestPatterns()
    {
        await using var app = new TestApp();
        using var client = app.Client();
        using var response = await client.GetAsync("/snapshot/test2");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static CameraStreamingOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddCameraStreaming(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<CameraStreamingOptions>>().Value;
    }
}
