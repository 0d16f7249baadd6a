using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LedgerPostingsPartialSettlesReverses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerPostings_ReversesId",
                table: "LedgerPostings");

            migrationBuilder.DropIndex(
                name: "IX_LedgerPostings_SettlesId",
                table: "LedgerPostings");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_ReversesId",
                table: "LedgerPostings",
                column: "ReversesId",
                unique: true,
                filter: "\"ReversesId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_SettlesId",
                table: "LedgerPostings",
                column: "SettlesId",
                unique: true,
                filter: "\"SettlesId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerPostings_ReversesId",
                table: "LedgerPostings");

            migrationBuilder.DropIndex(
                name: "IX_LedgerPostings_SettlesId",
                table: "LedgerPostings");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_ReversesId",
                table: "LedgerPostings",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_SettlesId",
                table: "LedgerPostings",
                column: "SettlesId",
                unique: true);
        }
    }
}
