using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CamDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class BanDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "By",
                table: "ViewerBans",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "Since",
                table: "ViewerBans",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "By",
                table: "ViewerBans");

            migrationBuilder.DropColumn(
                name: "Since",
                table: "ViewerBans");
        }
    }
}
