using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopLapse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LapsedAt",
                table: "VolunteerSignUps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmationAskedAt",
                table: "SchoolRegistrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LapsedAt",
                table: "SchoolRegistrations",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LapsedAt",
                table: "VolunteerSignUps");

            migrationBuilder.DropColumn(
                name: "ConfirmationAskedAt",
                table: "SchoolRegistrations");

            migrationBuilder.DropColumn(
                name: "LapsedAt",
                table: "SchoolRegistrations");
        }
    }
}
