using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Programmes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Programmes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PactId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    TargetCertificateRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    TargetJobRate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    TargetWomenShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    Invented = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programmes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Programmes_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Programmes_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCohorts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCohorts", x => x.Id);
                    table.CheckConstraint("CK_ProgrammeCohorts_Order", "\"StartDate\" <= \"EndDate\"");
                    table.CheckConstraint("CK_ProgrammeCohorts_Seats", "\"Seats\" > 0");
                    table.ForeignKey(
                        name: "FK_ProgrammeCohorts_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeEmployers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlacesPerCohort = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeEmployers", x => x.Id);
                    table.CheckConstraint("CK_ProgrammeEmployers_Places", "\"PlacesPerCohort\" >= 0");
                    table.ForeignKey(
                        name: "FK_ProgrammeEmployers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgrammeEmployers_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeIntakeSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeIntakeSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeIntakeSteps_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeModules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Setting = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeModules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeModules_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammePartners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammePartners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammePartners_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgrammePartners_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCandidates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CohortId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MunicipalityId = table.Column<int>(type: "INTEGER", nullable: true),
                    AppliedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Invented = table.Column<bool>(type: "INTEGER", nullable: false),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Certificate = table.Column<bool>(type: "INTEGER", nullable: true),
                    CertificateOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    JobOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    JobEmployerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    JobStartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeCandidates_Organisations_JobOrganisationId",
                        column: x => x.JobOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgrammeCandidates_ProgrammeCohorts_CohortId",
                        column: x => x.CohortId,
                        principalTable: "ProgrammeCohorts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeCandidates_Regions_MunicipalityId",
                        column: x => x.MunicipalityId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCandidateSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CandidateId = table.Column<long>(type: "INTEGER", nullable: false),
                    IntakeStepId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCandidateSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeCandidateSteps_ProgrammeCandidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "ProgrammeCandidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeCandidateSteps_ProgrammeIntakeSteps_IntakeStepId",
                        column: x => x.IntakeStepId,
                        principalTable: "ProgrammeIntakeSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeModuleProgress",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CandidateId = table.Column<long>(type: "INTEGER", nullable: false),
                    ModuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeModuleProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeModuleProgress_ProgrammeCandidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "ProgrammeCandidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeModuleProgress_ProgrammeModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "ProgrammeModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCandidates_CohortId_UserId",
                table: "ProgrammeCandidates",
                columns: new[] { "CohortId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCandidates_JobOrganisationId",
                table: "ProgrammeCandidates",
                column: "JobOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCandidates_MunicipalityId",
                table: "ProgrammeCandidates",
                column: "MunicipalityId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCandidates_UserId",
                table: "ProgrammeCandidates",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCandidateSteps_CandidateId_IntakeStepId",
                table: "ProgrammeCandidateSteps",
                columns: new[] { "CandidateId", "IntakeStepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCandidateSteps_IntakeStepId",
                table: "ProgrammeCandidateSteps",
                column: "IntakeStepId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCohorts_ProgrammeId_Code",
                table: "ProgrammeCohorts",
                columns: new[] { "ProgrammeId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeEmployers_OrganisationId",
                table: "ProgrammeEmployers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeEmployers_ProgrammeId_OrganisationId",
                table: "ProgrammeEmployers",
                columns: new[] { "ProgrammeId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeIntakeSteps_ProgrammeId_Code",
                table: "ProgrammeIntakeSteps",
                columns: new[] { "ProgrammeId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeIntakeSteps_ProgrammeId_Position",
                table: "ProgrammeIntakeSteps",
                columns: new[] { "ProgrammeId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeModuleProgress_CandidateId_ModuleId",
                table: "ProgrammeModuleProgress",
                columns: new[] { "CandidateId", "ModuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeModuleProgress_ModuleId",
                table: "ProgrammeModuleProgress",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeModules_ProgrammeId_Position",
                table: "ProgrammeModules",
                columns: new[] { "ProgrammeId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammePartners_OrganisationId",
                table: "ProgrammePartners",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammePartners_ProgrammeId_OrganisationId",
                table: "ProgrammePartners",
                columns: new[] { "ProgrammeId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_Code",
                table: "Programmes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_OwnerOrganisationId",
                table: "Programmes",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_PactId",
                table: "Programmes",
                column: "PactId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeCandidateSteps");

            migrationBuilder.DropTable(
                name: "ProgrammeEmployers");

            migrationBuilder.DropTable(
                name: "ProgrammeModuleProgress");

            migrationBuilder.DropTable(
                name: "ProgrammePartners");

            migrationBuilder.DropTable(
                name: "ProgrammeIntakeSteps");

            migrationBuilder.DropTable(
                name: "ProgrammeCandidates");

            migrationBuilder.DropTable(
                name: "ProgrammeModules");

            migrationBuilder.DropTable(
                name: "ProgrammeCohorts");

            migrationBuilder.DropTable(
                name: "Programmes");
        }
    }
}
