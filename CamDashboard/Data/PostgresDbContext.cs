using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CamDashboard.Data;

/// <summary>The dashboard's tables on PostgreSQL, with their own migrations
/// (<c>Migrations/PostgreSql/</c>), and the data-protection keys: every node of a cluster reads
/// every node's cookies and stored camera passwords.</summary>
internal sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // PostgreSQL stores instants ("timestamp with time zone") and Npgsql writes only UTC
        // offsets: a time with another offset is stored as the same instant, in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<InUtc>();
    }

    private sealed class InUtc() : ValueConverter<DateTimeOffset, DateTimeOffset>(t => t.ToUniversalTime(), t => t);
}

/// <summary>For <c>dotnet ef migrations add --context PostgresDbContext</c>: the model needs no server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=camdashboard").Options);
}
