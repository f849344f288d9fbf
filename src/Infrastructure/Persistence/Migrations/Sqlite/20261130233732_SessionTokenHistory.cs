using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionTokenHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RetiredTokenHashes",
                table: "sessions",
                type: "TEXT",
                maxLength: 1039,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetiredTokenHashes",
                table: "sessions");
        }
    }
}
