using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegionSuccessor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SuccessorId",
                table: "Regions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_SuccessorId",
                table: "Regions",
                column: "SuccessorId");

            migrationBuilder.AddForeignKey(
                name: "FK_Regions_Regions_SuccessorId",
                table: "Regions",
                column: "SuccessorId",
                principalTable: "Regions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Regions_Regions_SuccessorId",
                table: "Regions");

            migrationBuilder.DropIndex(
                name: "IX_Regions_SuccessorId",
                table: "Regions");

            migrationBuilder.DropColumn(
                name: "SuccessorId",
                table: "Regions");
        }
    }
}
