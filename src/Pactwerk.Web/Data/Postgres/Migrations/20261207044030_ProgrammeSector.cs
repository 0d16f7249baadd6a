using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeSector : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Sector",
                table: "Programmes",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Sector",
                table: "Programmes");
        }
    }
}
