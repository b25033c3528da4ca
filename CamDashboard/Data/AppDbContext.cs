using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CamDashboard.Data;

/// <summary>Identity users and roles, plus the dashboard's own tables.</summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    public DbSet<CameraSettingOverride> CameraSettings => Set<CameraSettingOverride>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<CameraSettingOverride>(e =>
        {
            e.HasKey(s => s.CameraId);
            e.Property(s => s.CameraId).HasMaxLength(64);
        });
    }
}
