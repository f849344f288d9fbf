using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VideoMedia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllowDownloads",
                table: "videos",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "DownloadFile",
                table: "videos",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DownloadSizeBytes",
                table: "videos",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DownloadState",
                table: "videos",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "captions",
                table: "videos",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "storyboard",
                table: "videos",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "thumbnails",
                table: "videos",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowDownloads",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "DownloadFile",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "DownloadSizeBytes",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "DownloadState",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "captions",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "storyboard",
                table: "videos");

            migrationBuilder.DropColumn(
                name: "thumbnails",
                table: "videos");
        }
    }
}
