using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SecurityHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RetiredTokenHashes",
                table: "sessions",
                type: "character varying(1039)",
                maxLength: 1039,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_upload_sessions_OwnerId",
                table: "upload_sessions",
                column: "OwnerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_upload_sessions_OwnerId",
                table: "upload_sessions");

            migrationBuilder.DropColumn(
                name: "RetiredTokenHashes",
                table: "sessions");
        }
    }
}
