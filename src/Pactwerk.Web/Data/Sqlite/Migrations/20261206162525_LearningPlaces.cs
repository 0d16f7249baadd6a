using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    SbbNumber = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearningPlaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearningPlaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SupervisorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Learner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Invented = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LearningPlaceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SupervisorId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SupervisorId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
