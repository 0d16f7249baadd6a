using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopWaitingList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "SchoolClasses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Waiting",
                table: "SchoolClasses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "SchoolClasses");

            migrationBuilder.DropColumn(
                name: "Waiting",
                table: "SchoolClasses");
        }
    }
}
