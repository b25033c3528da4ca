using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using CamDashboard.Streaming.Settings;

namespace CamDashboard.Data;

/// <summary>Identity users and roles, plus the dashboard's own tables; on SQLite, its migrations
/// are the ones in <c>Migrations/</c>. Each other provider derives its own context type, which
/// carries its own migrations (<see cref="PostgresDbContext"/>).</summary>
internal class AppDbContext : IdentityDbContext<IdentityUser>
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<CameraSettingOverride> CameraSettings => Set<CameraSettingOverride>();

    public DbSet<StoredCamera> Cameras => Set<StoredCamera>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<StreamToken> StreamTokens => Set<StreamToken>();

    public DbSet<ViewerBan> ViewerBans => Set<ViewerBan>();

    public DbSet<ActivityPeriodRow> ActivityPeriods => Set<ActivityPeriodRow>();

    public DbSet<CameraGroupRow> CameraGroups => Set<CameraGroupRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<CameraSettingOverride>(e =>
        {
            e.HasKey(s => s.CameraId);
            e.Property(s => s.CameraId).HasMaxLength(64);
            e.Property(s => s.ActivityMask).HasMaxLength(ActivitySettings.MaskCells);
        });
        builder.Entity<CameraGroupRow>(e =>
        {
            e.ToTable("CameraGroups");
            e.HasKey(g => g.Id);
            e.Property(g => g.Id).HasMaxLength(64);
            e.Property(g => g.Name).HasMaxLength(64);
            e.Property(g => g.CameraIds).HasMaxLength(4000);
        });
        builder.Entity<ActivityPeriodRow>(e =>
        {
            e.ToTable("ActivityPeriods");
            e.Property(p => p.CameraId).HasMaxLength(64);
            e.HasIndex(p => new { p.CameraId, p.EndedUnixMs });
        });
        builder.Entity<StoredCamera>(e =>
        {
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasMaxLength(64);
        });
        builder.Entity<ViewerBan>(e =>
        {
            e.HasKey(b => b.Key);
            e.Property(b => b.Key).HasMaxLength(300);
            e.Property(b => b.By).HasMaxLength(256);
        });
        builder.Entity<StreamToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.CameraId).HasMaxLength(64);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.User).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Detail).HasMaxLength(1024);
        });
    }
}

/// <summary>For <c>dotnet ef migrations add --context AppDbContext</c>: the SQLite model (without it
/// the tool builds the app's own context, which may be PostgreSQL's). The model needs no file.</summary>
internal sealed class SqliteDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
