using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StreamEngine.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>The search vector leaves the <c>Video</c> mapping but not the database: the column and its GIN index
    /// stay as the migrations up to MediaJsonText made them, PostgreSQL keeps the column, and search reads it through
    /// the keyless <c>VideoSearchVector</c> (a query over the same table). Nothing to do here.</summary>
    public partial class SearchVectorOutOfVideo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) { }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) { }
    }
}
