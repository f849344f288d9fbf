using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TranscodeJobParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_transcode_jobs_VideoId",
                table: "transcode_jobs");

            migrationBuilder.AddColumn<int>(
                name: "Part",
                table: "transcode_jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_transcode_jobs_VideoId_Part",
                table: "transcode_jobs",
                columns: new[] { "VideoId", "Part" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_transcode_jobs_VideoId_Part",
                table: "transcode_jobs");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "transcode_jobs");

            migrationBuilder.CreateIndex(
                name: "IX_transcode_jobs_VideoId",
                table: "transcode_jobs",
                column: "VideoId",
                unique: true);
        }
    }
}
