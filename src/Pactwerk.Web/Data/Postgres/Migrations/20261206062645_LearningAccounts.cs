using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LearningAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LearningAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HolderEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Postings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LearningFunders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningFunders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearningFunders_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerPostings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    SettlesId = table.Column<long>(type: "bigint", nullable: true),
                    ReversesId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerPostings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerPostings_LearningAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "LearningAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerPostings_LedgerPostings_ReversesId",
                        column: x => x.ReversesId,
                        principalTable: "LedgerPostings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerPostings_LedgerPostings_SettlesId",
                        column: x => x.SettlesId,
                        principalTable: "LedgerPostings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LearningDeposits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    FunderId = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Sectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    Levels = table.Column<List<string>>(type: "text[]", nullable: false),
                    Occupations = table.Column<List<string>>(type: "text[]", nullable: false),
                    FollowsPerson = table.Column<bool>(type: "boolean", nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DepositedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningDeposits", x => x.Id);
                    table.CheckConstraint("CK_LearningDeposits_Amount", "\"Amount\" > 0 AND \"ValidFrom\" <= \"ValidUntil\"");
                    table.ForeignKey(
                        name: "FK_LearningDeposits_LearningAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "LearningAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LearningDeposits_LearningFunders_FunderId",
                        column: x => x.FunderId,
                        principalTable: "LearningFunders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostingId = table.Column<long>(type: "bigint", nullable: false),
                    DepositId = table.Column<long>(type: "bigint", nullable: false),
                    Bucket = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerLines", x => x.Id);
                    table.CheckConstraint("CK_LedgerLines_Amount", "\"Amount\" <> 0");
                    table.ForeignKey(
                        name: "FK_LedgerLines_LearningDeposits_DepositId",
                        column: x => x.DepositId,
                        principalTable: "LearningDeposits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerLines_LedgerPostings_PostingId",
                        column: x => x.PostingId,
                        principalTable: "LedgerPostings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LearningAccounts_HolderEmail",
                table: "LearningAccounts",
                column: "HolderEmail",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearningDeposits_AccountId_ValidUntil",
                table: "LearningDeposits",
                columns: new[] { "AccountId", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningDeposits_FunderId_Reference",
                table: "LearningDeposits",
                columns: new[] { "FunderId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearningDeposits_ValidUntil",
                table: "LearningDeposits",
                column: "ValidUntil");

            migrationBuilder.CreateIndex(
                name: "IX_LearningFunders_Code",
                table: "LearningFunders",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearningFunders_OrganisationId",
                table: "LearningFunders",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerLines_DepositId_Bucket",
                table: "LedgerLines",
                columns: new[] { "DepositId", "Bucket" })
                .Annotation("Npgsql:IndexInclude", new[] { "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerLines_PostingId",
                table: "LedgerLines",
                column: "PostingId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_AccountId_Id",
                table: "LedgerPostings",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_ReversesId",
                table: "LedgerPostings",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerPostings_SettlesId",
                table: "LedgerPostings",
                column: "SettlesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerLines");

            migrationBuilder.DropTable(
                name: "LearningDeposits");

            migrationBuilder.DropTable(
                name: "LedgerPostings");

            migrationBuilder.DropTable(
                name: "LearningFunders");

            migrationBuilder.DropTable(
                name: "LearningAccounts");
        }
    }
}
