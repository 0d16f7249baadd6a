using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class feed3_SchemeAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ActionId",
                table: "VoucherSchemes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherSchemes_ActionId",
                table: "VoucherSchemes",
                column: "ActionId");

            migrationBuilder.AddForeignKey(
                name: "FK_VoucherSchemes_PactActions_ActionId",
                table: "VoucherSchemes",
                column: "ActionId",
                principalTable: "PactActions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VoucherSchemes_PactActions_ActionId",
                table: "VoucherSchemes");

            migrationBuilder.DropIndex(
                name: "IX_VoucherSchemes_ActionId",
                table: "VoucherSchemes");

            migrationBuilder.DropColumn(
                name: "ActionId",
                table: "VoucherSchemes");
        }
    }
}
