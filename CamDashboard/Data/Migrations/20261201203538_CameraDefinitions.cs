using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CamDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class CameraDefinitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each camera's fields move into one JSON definition (CameraOptions, camelCase), copied
            // before the old columns go: a stored camera comes through the upgrade whole.
            migrationBuilder.AddColumn<string>(
                name: "Definition",
                table: "Cameras",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.Sql("""
                UPDATE "Cameras" SET "Definition" = json_object(
                    'name', "Name", 'source', "Source", 'username', "Username", 'transport', "Transport",
                    'quality', "Quality", 'maxFps', "MaxFps", 'width', "Width", 'height', "Height",
                    'enabled', json(CASE WHEN "Enabled" THEN 'true' ELSE 'false' END));
                """);

            // SQLite (3.35+) drops these columns itself, inside the migration's transaction. EF's
            // DropColumn would rebuild the table behind "PRAGMA foreign_keys = 0", which cannot run
            // in a transaction: a warning on every first start, and a half-done upgrade if the
            // process dies in it.
            foreach (var column in new[] { "Enabled", "Height", "MaxFps", "Name", "Quality", "Source", "Transport", "Username", "Width" })
            {
                migrationBuilder.Sql($"""ALTER TABLE "Cameras" DROP COLUMN "{column}";""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Height",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MaxFps",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Cameras",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Quality",
                table: "Cameras",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Cameras",
                type: "TEXT",
                maxLength: 2048,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Transport",
                table: "Cameras",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Username",
                table: "Cameras",
                type: "TEXT",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Width",
                table: "Cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql("""
                UPDATE "Cameras" SET
                    "Name" = json_extract("Definition", '$.name'), "Source" = coalesce(json_extract("Definition", '$.source'), ''),
                    "Username" = json_extract("Definition", '$.username'), "Transport" = json_extract("Definition", '$.transport'),
                    "Quality" = json_extract("Definition", '$.quality'), "MaxFps" = coalesce(json_extract("Definition", '$.maxFps'), 30),
                    "Width" = coalesce(json_extract("Definition", '$.width'), 0), "Height" = coalesce(json_extract("Definition", '$.height'), 0),
                    "Enabled" = coalesce(json_extract("Definition", '$.enabled'), 1);
                """);

            migrationBuilder.DropColumn(
                name: "Definition",
                table: "Cameras");
        }
    }
}
