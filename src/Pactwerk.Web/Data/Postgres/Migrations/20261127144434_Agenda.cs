using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Agenda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Goals were labelled with a plan that did not exist yet; they now belong to a plan revision,
            // so the old demo goals go and the demo seeds them again with their plans.
            migrationBuilder.Sql("DELETE FROM \"IndicatorGoals\";");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorGoals_IndicatorId_RegionId_Kind_PlanLabel",
                table: "IndicatorGoals");

            migrationBuilder.DropColumn(
                name: "PlanLabel",
                table: "IndicatorGoals");

            migrationBuilder.AddColumn<decimal>(
                name: "Budget",
                table: "PactActions",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndsOn",
                table: "PactActions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartsOn",
                table: "PactActions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "PactActions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StopReason",
                table: "PactActions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PlanRevisionId",
                table: "IndicatorGoals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ActionOutputs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionOutputs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionOutputs_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionPartners",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPartners", x => new { x.ActionId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_ActionPartners_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionPartners_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionRegions",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionRegions", x => new { x.ActionId, x.RegionId });
                    table.ForeignKey(
                        name: "FK_ActionRegions_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionRegions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // An action had one region and a start year; it now has regions and a start date, and a status.
            migrationBuilder.Sql("INSERT INTO \"ActionRegions\" (\"ActionId\", \"RegionId\") SELECT \"Id\", \"RegionId\" FROM \"PactActions\";");
            migrationBuilder.Sql("UPDATE \"PactActions\" SET \"StartsOn\" = make_date(\"StartYear\", 1, 1) WHERE \"StartYear\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"PactActions\" SET \"Status\" = 'Running';");

            migrationBuilder.DropForeignKey(
                name: "FK_PactActions_Regions_RegionId",
                table: "PactActions");

            migrationBuilder.DropIndex(
                name: "IX_PactActions_RegionId",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "RegionId",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "StartYear",
                table: "PactActions");

            migrationBuilder.CreateTable(
                name: "FundingSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    Funder = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundingSources_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Objectives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PactId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IsDemoContent = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objectives_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PactId = table.Column<int>(type: "integer", nullable: false),
                    RegionId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Plans_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Plans_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionObjectives",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionObjectives", x => new { x.ActionId, x.ObjectiveId });
                    table.ForeignKey(
                        name: "FK_ActionObjectives_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActionObjectives_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ObjectiveIndicator",
                columns: table => new
                {
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectiveIndicator", x => new { x.ObjectiveId, x.IndicatorId });
                    table.ForeignKey(
                        name: "FK_ObjectiveIndicator_Indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ObjectiveIndicator_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    RevisedIn = table.Column<int>(type: "integer", nullable: false),
                    FirstYear = table.Column<int>(type: "integer", nullable: false),
                    LastYear = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BasedOnId = table.Column<int>(type: "integer", nullable: true),
                    ProposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ProposedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AdoptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AdoptedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanRevisions_PlanRevisions_BasedOnId",
                        column: x => x.BasedOnId,
                        principalTable: "PlanRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanRevisions_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RevisionAction",
                columns: table => new
                {
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    ActionId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevisionAction", x => new { x.RevisionId, x.ActionId });
                    table.ForeignKey(
                        name: "FK_RevisionAction_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RevisionAction_PlanRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "PlanRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RevisionChangeReasons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevisionChangeReasons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevisionChangeReasons_PlanRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "PlanRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RevisionObjective",
                columns: table => new
                {
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevisionObjective", x => new { x.RevisionId, x.ObjectiveId });
                    table.ForeignKey(
                        name: "FK_RevisionObjective_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RevisionObjective_PlanRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "PlanRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RevisionPriority",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RevisionId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RevisionPriority", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RevisionPriority_PlanRevisions_RevisionId",
                        column: x => x.RevisionId,
                        principalTable: "PlanRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PactActions_Status",
                table: "PactActions",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorGoals_IndicatorId",
                table: "IndicatorGoals",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorGoals_PlanRevisionId_IndicatorId_RegionId_Kind",
                table: "IndicatorGoals",
                columns: new[] { "PlanRevisionId", "IndicatorId", "RegionId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionObjectives_ObjectiveId",
                table: "ActionObjectives",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionOutputs_ActionId_Year",
                table: "ActionOutputs",
                columns: new[] { "ActionId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPartners_OrganisationId",
                table: "ActionPartners",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionRegions_RegionId",
                table: "ActionRegions",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingSources_ActionId",
                table: "FundingSources",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingSources_EndsOn",
                table: "FundingSources",
                column: "EndsOn");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveIndicator_IndicatorId",
                table: "ObjectiveIndicator",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_PactId_Number",
                table: "Objectives",
                columns: new[] { "PactId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanRevisions_BasedOnId",
                table: "PlanRevisions",
                column: "BasedOnId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanRevisions_PlanId_Number",
                table: "PlanRevisions",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_PactId_RegionId",
                table: "Plans",
                columns: new[] { "PactId", "RegionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Plans_RegionId",
                table: "Plans",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_RevisionAction_ActionId",
                table: "RevisionAction",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_RevisionChangeReasons_RevisionId_Kind_Key",
                table: "RevisionChangeReasons",
                columns: new[] { "RevisionId", "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RevisionObjective_ObjectiveId",
                table: "RevisionObjective",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_RevisionPriority_RevisionId",
                table: "RevisionPriority",
                column: "RevisionId");

            migrationBuilder.AddForeignKey(
                name: "FK_IndicatorGoals_PlanRevisions_PlanRevisionId",
                table: "IndicatorGoals",
                column: "PlanRevisionId",
                principalTable: "PlanRevisions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_IndicatorGoals_PlanRevisions_PlanRevisionId",
                table: "IndicatorGoals");

            migrationBuilder.DropTable(
                name: "ActionObjectives");

            migrationBuilder.DropTable(
                name: "ActionOutputs");

            migrationBuilder.DropTable(
                name: "ActionPartners");

            migrationBuilder.DropTable(
                name: "ActionRegions");

            migrationBuilder.DropTable(
                name: "FundingSources");

            migrationBuilder.DropTable(
                name: "ObjectiveIndicator");

            migrationBuilder.DropTable(
                name: "RevisionAction");

            migrationBuilder.DropTable(
                name: "RevisionChangeReasons");

            migrationBuilder.DropTable(
                name: "RevisionObjective");

            migrationBuilder.DropTable(
                name: "RevisionPriority");

            migrationBuilder.DropTable(
                name: "Objectives");

            migrationBuilder.DropTable(
                name: "PlanRevisions");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_PactActions_Status",
                table: "PactActions");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorGoals_IndicatorId",
                table: "IndicatorGoals");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorGoals_PlanRevisionId_IndicatorId_RegionId_Kind",
                table: "IndicatorGoals");

            migrationBuilder.DropColumn(
                name: "Budget",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "EndsOn",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "StartsOn",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "StopReason",
                table: "PactActions");

            migrationBuilder.DropColumn(
                name: "PlanRevisionId",
                table: "IndicatorGoals");

            migrationBuilder.AddColumn<int>(
                name: "RegionId",
                table: "PactActions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StartYear",
                table: "PactActions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlanLabel",
                table: "IndicatorGoals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_PactActions_RegionId",
                table: "PactActions",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorGoals_IndicatorId_RegionId_Kind_PlanLabel",
                table: "IndicatorGoals",
                columns: new[] { "IndicatorId", "RegionId", "Kind", "PlanLabel" });

            migrationBuilder.AddForeignKey(
                name: "FK_PactActions_Regions_RegionId",
                table: "PactActions",
                column: "RegionId",
                principalTable: "Regions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
