using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AgendaCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionOutputs_ActionId_Year",
                table: "ActionOutputs");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "FundingSources",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Before the unique index: of outputs reported more than once for an action, year and unit,
            // keep the latest report (a correction of the earlier ones); each one removed keeps an audit line.
            migrationBuilder.Sql("""
                INSERT INTO "AuditEntries" ("At", "Actor", "Action", "EntityType", "PactId", "EntityId", "Before")
                SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), 'Migratie AgendaCorrections', 'Deleted', 'ActionOutput', a."PactId", CAST(o."Id" AS TEXT),
                       json_object('Year', o."Year", 'Unit', o."Unit", 'Quantity', o."Quantity", 'Note', o."Note", 'ReportedBy', o."ReportedBy", 'ReportedAt', o."ReportedAt")
                FROM "ActionOutputs" AS o JOIN "PactActions" AS a ON a."Id" = o."ActionId"
                WHERE EXISTS (SELECT 1 FROM "ActionOutputs" AS later WHERE later."ActionId" = o."ActionId" AND later."Year" = o."Year" AND later."Unit" = o."Unit"
                  AND (later."ReportedAt" > o."ReportedAt" OR (later."ReportedAt" = o."ReportedAt" AND later."Id" > o."Id")));
                """);
            migrationBuilder.Sql("""
                DELETE FROM "ActionOutputs" WHERE "Id" IN (SELECT o."Id" FROM "ActionOutputs" AS o
                WHERE EXISTS (SELECT 1 FROM "ActionOutputs" AS later WHERE later."ActionId" = o."ActionId" AND later."Year" = o."Year" AND later."Unit" = o."Unit"
                  AND (later."ReportedAt" > o."ReportedAt" OR (later."ReportedAt" = o."ReportedAt" AND later."Id" > o."Id"))));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ActionOutputs_ActionId_Year_Unit",
                table: "ActionOutputs",
                columns: new[] { "ActionId", "Year", "Unit" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActionOutputs_ActionId_Year_Unit",
                table: "ActionOutputs");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "FundingSources");

            migrationBuilder.CreateIndex(
                name: "IX_ActionOutputs_ActionId_Year",
                table: "ActionOutputs",
                columns: new[] { "ActionId", "Year" });
        }
    }
}
