using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CamDashboard.Data.Migrations.PostgreSql
{
    /// <summary>Stored audit actions take the names of <c>AuditActions</c>.</summary>
    public partial class PostgresAuditActionNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => AuditActionRenames.Up(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => AuditActionRenames.Down(migrationBuilder);
    }
}
