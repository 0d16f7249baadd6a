using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class events_WaitingListAndCancelLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "PlaceNumber",
                table: "EventRegistrations",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "CancelTokenHash",
                table: "EventRegistrations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PlacedFromWaitingListAt",
                table: "EventRegistrations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_CancelTokenHash",
                table: "EventRegistrations",
                column: "CancelTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventRegistrations_CancelTokenHash",
                table: "EventRegistrations");

            migrationBuilder.DropColumn(
                name: "CancelTokenHash",
                table: "EventRegistrations");

            migrationBuilder.DropColumn(
                name: "PlacedFromWaitingListAt",
                table: "EventRegistrations");

            migrationBuilder.AlterColumn<int>(
                name: "PlaceNumber",
                table: "EventRegistrations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
