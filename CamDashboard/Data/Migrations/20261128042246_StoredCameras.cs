using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CamDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoredCameras : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cameras",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                    Transport = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Quality = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxFps = table.Column<int>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cameras", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Cameras");
        }
    }
}
