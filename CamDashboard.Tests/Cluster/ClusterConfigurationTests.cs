using CamDashboard.Tests.Infrastructure;

namespace CamDashboard.Tests.Cluster;

/// <summary>A cluster section that cannot work stops start-up, naming the key to fix.</summary>
public sealed class ClusterConfigurationTests
{
    [Theory]
    [InlineData("Cluster:Node", "", "Cluster:Node must name this node")]
    [InlineData("Cluster:NodeUrl", "10.0.0.2:8080", "Cluster:NodeUrl must be the http(s) address")]
    [InlineData("Cluster:Secret", "short", "Cluster:Secret must be at least 32 characters")]
    [InlineData("Database:Provider", "Sqlite", "Database:Provider must be PostgreSQL when Cluster:Redis is set")]
    [InlineData("Cluster:Redis", "127.0.0.1:9", "Cluster:Redis: no Redis answered at 127.0.0.1:9")]
    public async Task AClusterSettingThatCannotWork_StopsStartUp_NamingTheKey(string key, string value, string expected)
    {
        await using var app = new TestApp(TestApp.Pattern())
            .OnPostgres("Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none")
            .With("Cluster:Redis", "127.0.0.1:9")
            .With("Cluster:Node", "a")
            .With("Cluster:NodeUrl", "http://127.0.0.1:8080")
            .With("Cluster:Secret", TestCluster.Secret)
            .With(key, value);
        if (key == "Database:Provider")
        {
            app.With("ConnectionStrings:CamDashboard", $"Data Source={TestApp.NewDatabasePath()}");
        }

        var error = Assert.Throws<InvalidOperationException>(() => app.Address);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
