using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CamDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivityWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActivityMask",
                table: "CameraSettings",
                type: "TEXT",
                maxLength: 144,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActivitySensitivity",
                table: "CameraSettings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActivityPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CameraId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedUnixMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Peak = table.Column<double>(type: "REAL", nullable: false)
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
