using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CamDashboard.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgresActivityWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActivityMask",
                table: "CameraSettings",
                type: "character varying(144)",
                maxLength: 144,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActivitySensitivity",
                table: "CameraSettings",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActivityPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CameraId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartedUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    EndedUnixMs = table.Column<long>(type: "bigint", nullable: false),
                    Peak = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityPeriods", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityPeriods_CameraId_EndedUnixMs",
                table: "ActivityPeriods",
                columns: new[] { "CameraId", "EndedUnixMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityPeriods");

            migrationBuilder.DropColumn(
                name: "ActivityMask",
                table: "CameraSettings");

            migrationBuilder.DropColumn(
                name: "ActivitySensitivity",
                table: "CameraSettings");
        }
    }
}
