using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "DownloadFile",
                table: "videos",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DownloadSizeBytes",
                table: "videos",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DownloadState",
                table: "videos",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "captions",
                table: "videos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "storyboard",
                table: "videos",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "thumbnails",
                table: "videos",
                type: "TEXT",
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
