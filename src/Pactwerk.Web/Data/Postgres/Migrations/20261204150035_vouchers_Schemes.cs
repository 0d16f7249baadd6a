using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PactId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Ceiling = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    MaxPerVoucher = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    CoFundingShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    AdvanceShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    Reserved = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Paid = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Waiting = table.Column<int>(type: "integer", nullable: false),
                    Arrivals = table.Column<int>(type: "integer", nullable: false),
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ApplyWithinDaysAfterStart = table.Column<int>(type: "integer", nullable: false),
                    MinimumAge = table.Column<int>(type: "integer", nullable: false),
                    TargetGroups = table.Column<List<string>>(type: "text[]", nullable: false),
                    Sectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    Levels = table.Column<List<string>>(type: "text[]", nullable: false),
                    Occupations = table.Column<List<string>>(type: "text[]", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    KvkNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    QualityRegistration = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Vetted = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProviderId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Sector = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Hours = table.Column<int>(type: "integer", nullable: false),
                    Price = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    StartDates = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    TargetOccupation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    Arrival = table.Column<int>(type: "integer", nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: false),
                    TargetGroup = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CourseStart = table.Column<DateOnly>(type: "date", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VoucherCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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
