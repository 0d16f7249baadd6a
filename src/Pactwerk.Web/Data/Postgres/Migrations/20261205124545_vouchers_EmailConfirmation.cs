using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class vouchers_EmailConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConfirmEmailWithinDays",
                table: "VoucherSchemes",
                type: "integer",
                nullable: false,
                // Existing schemes get the default of new ones, not 0 (which would expire every unconfirmed application at once).
                defaultValue: 7);

            migrationBuilder.AddColumn<DateTime>(
                name: "EmailConfirmedAt",
                table: "VoucherApplications",
                type: "timestamp with time zone",
                nullable: true);

            // Applications made before addresses were confirmed keep their standing: their mail reached them
            // without a confirmation link, so they count as confirmed when they were submitted.
            migrationBuilder.Sql("UPDATE \"VoucherApplications\" SET \"EmailConfirmedAt\" = \"SubmittedAt\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmEmailWithinDays",
                table: "VoucherSchemes");

            migrationBuilder.DropColumn(
                name: "EmailConfirmedAt",
                table: "VoucherApplications");
        }
    }
}
