using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
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
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "CancelTokenHash",
                table: "EventRegistrations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PlacedFromWaitingListAt",
                table: "EventRegistrations",
                type: "timestamp with time zone",
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
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
