using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeModuleWeeks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Weeks",
                table: "ProgrammeModules",
                type: "integer",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_ProgrammeModules_Weeks",
                table: "ProgrammeModules",
                sql: "\"Weeks\" BETWEEN 1 AND 104");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_ProgrammeModules_Weeks",
                table: "ProgrammeModules");

            migrationBuilder.DropColumn(
                name: "Weeks",
                table: "ProgrammeModules");
        }
    }
}
