using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopScheduleLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SchoolRegistrations_ScheduleKeyHash",
                table: "SchoolRegistrations");

            migrationBuilder.DropColumn(
                name: "ScheduleKeyHash",
                table: "SchoolRegistrations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ScheduleKeyHash",
                table: "SchoolRegistrations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolRegistrations_ScheduleKeyHash",
                table: "SchoolRegistrations",
                column: "ScheduleKeyHash",
                unique: true);
        }
    }
}
