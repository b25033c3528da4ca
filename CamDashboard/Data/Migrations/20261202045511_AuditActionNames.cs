using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CamDashboard.Data.Migrations
{
    /// <summary>Stored audit actions take the names of <c>AuditActions</c>.</summary>
    public partial class AuditActionNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => AuditActionRenames.Up(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => AuditActionRenames.Down(migrationBuilder);
    }
}
