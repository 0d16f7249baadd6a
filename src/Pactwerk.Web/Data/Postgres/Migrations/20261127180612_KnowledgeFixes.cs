using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Agenda",
                table: "LearningNetworkSessions",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "LearningNetworkSessions",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PlaceNumber",
                table: "EventRegistrations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Practices_Status_Version",
                table: "Practices",
                columns: new[] { "Status", "Version" });

            // Registrations made before places were numbered take places 1, 2, … of their event in the order they came.
            migrationBuilder.Sql(@"UPDATE ""EventRegistrations"" AS r SET ""PlaceNumber"" = (SELECT COUNT(*) FROM ""EventRegistrations"" AS r2 WHERE r2.""EventId"" = r.""EventId"" AND r2.""Id"" <= r.""Id"");");

            migrationBuilder.CreateIndex(
                name: "IX_EventRegistrations_EventId_PlaceNumber",
                table: "EventRegistrations",
                columns: new[] { "EventId", "PlaceNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Practices_Status_Version",
                table: "Practices");

            migrationBuilder.DropIndex(
                name: "IX_EventRegistrations_EventId_PlaceNumber",
                table: "EventRegistrations");

            migrationBuilder.DropColumn(
                name: "Agenda",
                table: "LearningNetworkSessions");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "LearningNetworkSessions");

            migrationBuilder.DropColumn(
                name: "PlaceNumber",
                table: "EventRegistrations");
        }
    }
}
