using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class indicators_VersionHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "IndicatorVersions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DescriptionEn",
                table: "IndicatorVersions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "IndicatorVersions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "IndicatorVersions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidFrom",
                table: "IndicatorVersions",
                type: "TEXT",
                maxLength: 9,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "IndicatorVersions");

            migrationBuilder.DropColumn(
                name: "DescriptionEn",
                table: "IndicatorVersions");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "IndicatorVersions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "IndicatorVersions");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "IndicatorVersions");
        }
    }
}
