using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TraceParents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "transcode_jobs",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "pipeline_starts",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "transcode_jobs");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "pipeline_starts");
        }
    }
}
