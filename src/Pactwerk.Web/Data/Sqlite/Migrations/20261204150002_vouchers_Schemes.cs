using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class vouchers_Schemes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VoucherSchemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PactId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ceiling = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    MaxPerVoucher = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    CoFundingShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    AdvanceShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    Reserved = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Paid = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Waiting = table.Column<int>(type: "INTEGER", nullable: false),
                    Arrivals = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApplyWithinDaysAfterStart = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumAge = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetGroups = table.Column<string>(type: "TEXT", nullable: false),
                    Sectors = table.Column<string>(type: "TEXT", nullable: false),
                    Levels = table.Column<string>(type: "TEXT", nullable: false),
                    Occupations = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherSchemes", x => x.Id);
                    table.CheckConstraint("CK_VoucherSchemes_Budget", "\"Reserved\" + 0 >= 0 AND \"Paid\" + 0 >= 0 AND \"Reserved\" + \"Paid\" <= \"Ceiling\" + 0");
                    table.CheckConstraint("CK_VoucherSchemes_Waiting", "\"Waiting\" >= 0");
                    table.ForeignKey(
                        name: "FK_VoucherSchemes_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoucherSchemes_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoucherProviders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    KvkNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: false),
                    QualityRegistration = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Vetted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherProviders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoucherProviders_VoucherSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "VoucherSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoucherCourses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Hours = table.Column<int>(type: "INTEGER", nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    StartDates = table.Column<string>(type: "TEXT", nullable: false),
                    TargetOccupation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherCourses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoucherCourses_VoucherProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "VoucherProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoucherApplications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Arrival = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TargetGroup = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CourseStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VoucherCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoucherApplications_VoucherCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "VoucherCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoucherApplications_VoucherSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "VoucherSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_CourseId",
                table: "VoucherApplications",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_KeyHash",
                table: "VoucherApplications",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_SchemeId_Arrival",
                table: "VoucherApplications",
                columns: new[] { "SchemeId", "Arrival" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_SchemeId_Email",
                table: "VoucherApplications",
                columns: new[] { "SchemeId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_SchemeId_Status_Arrival",
                table: "VoucherApplications",
                columns: new[] { "SchemeId", "Status", "Arrival" });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_VoucherCode",
                table: "VoucherApplications",
                column: "VoucherCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherCourses_ProviderId",
                table: "VoucherCourses",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_VoucherProviders_SchemeId_KvkNumber",
                table: "VoucherProviders",
                columns: new[] { "SchemeId", "KvkNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherSchemes_Code",
                table: "VoucherSchemes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherSchemes_OrganisationId",
                table: "VoucherSchemes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_VoucherSchemes_PactId",
                table: "VoucherSchemes",
                column: "PactId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VoucherApplications");

            migrationBuilder.DropTable(
                name: "VoucherCourses");

            migrationBuilder.DropTable(
                name: "VoucherProviders");

            migrationBuilder.DropTable(
                name: "VoucherSchemes");
        }
    }
}
