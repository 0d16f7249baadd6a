using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
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
                type: "TEXT",
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
