using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabCanvas.Data.Migrations
{
    /// <inheritdoc />
    public partial class VersionMaskAndInitImage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InitImageHash",
                table: "RoomVersions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MaskImageHash",
                table: "RoomVersions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InitImageHash",
                table: "RoomVersions");

            migrationBuilder.DropColumn(
                name: "MaskImageHash",
                table: "RoomVersions");
        }
    }
}
