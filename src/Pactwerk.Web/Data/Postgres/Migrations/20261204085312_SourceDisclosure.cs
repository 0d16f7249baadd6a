using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SourceDisclosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Disclosure",
                table: "DataSources",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Confidential");
            // The sources the built-in profiles read publish their own disclosure-controlled figures.
            migrationBuilder.Sql("UPDATE \"DataSources\" SET \"Disclosure\" = 'Published' WHERE \"Code\" IN ('duo', 'techniekpact-monitor')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Disclosure",
                table: "DataSources");
        }
    }
}
