using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Practices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Practices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PactId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Context = table.Column<string>(type: "text", nullable: false),
                    Approach = table.Column<string>(type: "text", nullable: false),
                    Results = table.Column<string>(type: "text", nullable: false),
                    ResultsSource = table.Column<string>(type: "text", nullable: false),
                    WhatWorked = table.Column<string>(type: "text", nullable: false),
                    WhatDidNotWork = table.Column<string>(type: "text", nullable: false),
                    TransferConditions = table.Column<string>(type: "text", nullable: false),
                    TargetGroup = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Sector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReviewNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SearchSynonyms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Practices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Practices_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Practices_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeActions",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "integer", nullable: false),
                    ActionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeActions", x => new { x.PracticeId, x.ActionId });
                    table.ForeignKey(
                        name: "FK_PracticeActions_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PracticeActions_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeContacts",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeContacts", x => new { x.PracticeId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_PracticeContacts_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PracticeContacts_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PracticeId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeLinks_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeObjectives",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeObjectives", x => new { x.PracticeId, x.ObjectiveId });
                    table.ForeignKey(
                        name: "FK_PracticeObjectives_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PracticeObjectives_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeOrganisations",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeOrganisations", x => new { x.PracticeId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_PracticeOrganisations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PracticeOrganisations_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PracticeRegions",
                columns: table => new
                {
                    PracticeId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeRegions", x => new { x.PracticeId, x.RegionId });
                    table.ForeignKey(
                        name: "FK_PracticeRegions_Practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "Practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PracticeRegions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeActions_ActionId",
                table: "PracticeActions",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeContacts_PersonId",
                table: "PracticeContacts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeLinks_PracticeId",
                table: "PracticeLinks",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeObjectives_ObjectiveId",
                table: "PracticeObjectives",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeOrganisations_OrganisationId",
                table: "PracticeOrganisations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeRegions_RegionId",
                table: "PracticeRegions",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_Practices_OrganisationId",
                table: "Practices",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Practices_PactId",
                table: "Practices",
                column: "PactId");

            migrationBuilder.CreateIndex(
                name: "IX_Practices_Status_PactId",
                table: "Practices",
                columns: new[] { "Status", "PactId" });

            // Dutch full-text search: a generated tsvector (title weighs most) with a GIN index; PracticeSearch queries it in SQL.
            migrationBuilder.Sql("""
                ALTER TABLE "Practices" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('dutch', "Title"), 'A') ||
                    setweight(to_tsvector('dutch', "Summary" || ' ' || "SearchSynonyms"), 'B') ||
                    setweight(to_tsvector('dutch', "Context" || ' ' || "Approach" || ' ' || "Results" || ' ' || "ResultsSource" || ' ' ||
                        "WhatWorked" || ' ' || "WhatDidNotWork" || ' ' || "TransferConditions"), 'C')) STORED;
                CREATE INDEX "IX_Practices_SearchVector" ON "Practices" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Practices_SearchVector"; ALTER TABLE "Practices" DROP COLUMN IF EXISTS "SearchVector";""");

            migrationBuilder.DropTable(
                name: "PracticeActions");

            migrationBuilder.DropTable(
                name: "PracticeContacts");

            migrationBuilder.DropTable(
                name: "PracticeLinks");

            migrationBuilder.DropTable(
                name: "PracticeObjectives");

            migrationBuilder.DropTable(
                name: "PracticeOrganisations");

            migrationBuilder.DropTable(
                name: "PracticeRegions");

            migrationBuilder.DropTable(
                name: "Practices");
        }
    }
}
