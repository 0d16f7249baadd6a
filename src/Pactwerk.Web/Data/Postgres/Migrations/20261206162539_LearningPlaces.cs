using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LearningPlaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LearningPlaces",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MunicipalityId = table.Column<int>(type: "integer", nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    SbbNumber = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningPlaces", x => x.Id);
                    table.CheckConstraint("CK_LearningPlaces_Seats", "\"Seats\" > 0");
                    table.ForeignKey(
                        name: "FK_LearningPlaces_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LearningPlaces_Regions_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Supervisors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Supervisors", x => x.Id);
                    table.CheckConstraint("CK_Supervisors_Capacity", "\"Capacity\" > 0");
                    table.ForeignKey(
                        name: "FK_Supervisors_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LearningPlacePeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearningPlaceId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningPlacePeriods", x => x.Id);
                    table.CheckConstraint("CK_LearningPlacePeriods_Order", "\"From\" <= \"To\"");
                    table.ForeignKey(
                        name: "FK_LearningPlacePeriods_LearningPlaces_LearningPlaceId",
                        column: x => x.LearningPlaceId,
                        principalTable: "LearningPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LearningPlacements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearningPlaceId = table.Column<int>(type: "integer", nullable: false),
                    SupervisorId = table.Column<int>(type: "integer", nullable: false),
                    Learner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Invented = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningPlacements", x => x.Id);
                    table.CheckConstraint("CK_LearningPlacements_Order", "\"From\" <= \"To\"");
                    table.ForeignKey(
                        name: "FK_LearningPlacements_LearningPlaces_LearningPlaceId",
                        column: x => x.LearningPlaceId,
                        principalTable: "LearningPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LearningPlacements_Supervisors_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "Supervisors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LearningPlaceSupervisors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LearningPlaceId = table.Column<int>(type: "integer", nullable: false),
                    SupervisorId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningPlaceSupervisors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearningPlaceSupervisors_LearningPlaces_LearningPlaceId",
                        column: x => x.LearningPlaceId,
                        principalTable: "LearningPlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LearningPlaceSupervisors_Supervisors_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "Supervisors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SupervisorAbsences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SupervisorId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisorAbsences", x => x.Id);
                    table.CheckConstraint("CK_SupervisorAbsences_Order", "\"From\" <= \"To\"");
                    table.ForeignKey(
                        name: "FK_SupervisorAbsences_Supervisors_SupervisorId",
                        column: x => x.SupervisorId,
                        principalTable: "Supervisors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlacements_LearningPlaceId_From",
                table: "LearningPlacements",
                columns: new[] { "LearningPlaceId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlacements_SupervisorId_From",
                table: "LearningPlacements",
                columns: new[] { "SupervisorId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlacePeriods_LearningPlaceId_From",
                table: "LearningPlacePeriods",
                columns: new[] { "LearningPlaceId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlaces_MunicipalityId",
                table: "LearningPlaces",
                column: "MunicipalityId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlaces_OrganisationId",
                table: "LearningPlaces",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlaceSupervisors_LearningPlaceId_SupervisorId",
                table: "LearningPlaceSupervisors",
                columns: new[] { "LearningPlaceId", "SupervisorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearningPlaceSupervisors_SupervisorId",
                table: "LearningPlaceSupervisors",
                column: "SupervisorId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisorAbsences_SupervisorId_From",
                table: "SupervisorAbsences",
                columns: new[] { "SupervisorId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Supervisors_OrganisationId",
                table: "Supervisors",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LearningPlacements");

            migrationBuilder.DropTable(
                name: "LearningPlacePeriods");

            migrationBuilder.DropTable(
                name: "LearningPlaceSupervisors");

            migrationBuilder.DropTable(
                name: "SupervisorAbsences");

            migrationBuilder.DropTable(
                name: "LearningPlaces");

            migrationBuilder.DropTable(
                name: "Supervisors");
        }
    }
}
