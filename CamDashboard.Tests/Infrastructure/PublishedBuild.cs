using System.Diagnostics;

namespace CamDashboard.Tests.Infrastructure;

/// <summary>The app as <c>dotnet publish -c Release</c> makes it, in a temp folder, published
/// once for the tests that run what a deployer runs.</summary>
public sealed class PublishedBuild : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "camdashboard-publish-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", RepositoryFiles.Find("CamDashboard/CamDashboard.csproj"), "-c", "Release", "-o", Folder, "--nologo", "-p:UseSharedCompilation=false" })
        {
            info.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(info)!;
        var log = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await log}\n{await errors}");
    }

    /// <summary>A copy of the published folder, for a test that breaks it on purpose.</summary>
    public string Copy()
    {
        var copy = Folder + "-copy-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var file in Directory.GetFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Tests of the published build share one publish (about a minute) and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedBuildTests : ICollectionFixture<PublishedBuild>
{
    public const string Name = "Published build";
}
