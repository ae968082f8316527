using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabCanvas.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoomVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RoomVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImageHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SavedByMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SavedByName = table.Column<string>(type: "TEXT", nullable: false),
                    RanByMemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RanByName = table.Column<string>(type: "TEXT", nullable: true),
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    ModelFingerprint = table.Column<string>(type: "TEXT", nullable: true),
                    Scheduler = table.Column<string>(type: "TEXT", nullable: false),
                    Prompt = table.Column<string>(type: "TEXT", nullable: false),
                    PromptAuthorsJson = table.Column<string>(type: "TEXT", nullable: false),
                    NegativePrompt = table.Column<string>(type: "TEXT", nullable: false),
                    NegativePromptAuthorsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParametersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: true),
                    StrokesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ContributorsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ParentVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GenerationMilliseconds = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoomVersions_RoomVersions_ParentVersionId",
                        column: x => x.ParentVersionId,
                        principalTable: "RoomVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RoomVersions_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoomVersionEdits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EditedByMemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EditedByName = table.Column<string>(type: "TEXT", nullable: false),
                    EditedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OldTitle = table.Column<string>(type: "TEXT", nullable: false),
                    NewTitle = table.Column<string>(type: "TEXT", nullable: false),
                    OldNote = table.Column<string>(type: "TEXT", nullable: false),
                    NewNote = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomVersionEdits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoomVersionEdits_RoomVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "RoomVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RoomVersionEdits_VersionId_EditedAt",
                table: "RoomVersionEdits",
                columns: new[] { "VersionId", "EditedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RoomVersions_ImageHash",
                table: "RoomVersions",
                column: "ImageHash");

            migrationBuilder.CreateIndex(
                name: "IX_RoomVersions_ParentVersionId",
                table: "RoomVersions",
                column: "ParentVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_RoomVersions_RoomId_CreatedAt",
                table: "RoomVersions",
                columns: new[] { "RoomId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoomVersionEdits");

            migrationBuilder.DropTable(
                name: "RoomVersions");
        }
    }
}
