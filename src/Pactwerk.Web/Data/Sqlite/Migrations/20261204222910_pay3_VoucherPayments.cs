using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class pay3_VoucherPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DebtorBic",
                table: "VoucherSchemes",
                type: "TEXT",
                maxLength: 11,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DebtorIban",
                table: "VoucherSchemes",
                type: "TEXT",
                maxLength: 34,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DebtorName",
                table: "VoucherSchemes",
                type: "TEXT",
                maxLength: 70,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "FourEyesThreshold",
                table: "VoucherSchemes",
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 1000m);

            migrationBuilder.CreateTable(
                name: "VoucherPaymentBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherPaymentBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoucherPaymentBatches_VoucherSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "VoucherSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoucherPayments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CoSignedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CoSignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BatchId = table.Column<int>(type: "INTEGER", nullable: true),
                    PaidAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BankReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherPayments", x => x.Id);
                    table.CheckConstraint("CK_VoucherPayments_Amount", "\"Amount\" + 0 > 0");
                    table.CheckConstraint("CK_VoucherPayments_FourEyes", "\"CoSignedBy\" IS NULL OR \"CoSignedBy\" <> \"ApprovedBy\"");
                    table.ForeignKey(
                        name: "FK_VoucherPayments_VoucherApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VoucherApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoucherPayments_VoucherPaymentBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "VoucherPaymentBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VoucherPayments_VoucherSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "VoucherSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherPaymentBatches_SchemeId",
                table: "VoucherPaymentBatches",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_VoucherPayments_ApplicationId_Kind",
                table: "VoucherPayments",
                columns: new[] { "ApplicationId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherPayments_BatchId",
                table: "VoucherPayments",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_VoucherPayments_SchemeId_Status_BatchId",
                table: "VoucherPayments",
                columns: new[] { "SchemeId", "Status", "BatchId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VoucherPayments");

            migrationBuilder.DropTable(
                name: "VoucherPaymentBatches");

            migrationBuilder.DropColumn(
                name: "DebtorBic",
                table: "VoucherSchemes");

            migrationBuilder.DropColumn(
                name: "DebtorIban",
                table: "VoucherSchemes");

            migrationBuilder.DropColumn(
                name: "DebtorName",
                table: "VoucherSchemes");

            migrationBuilder.DropColumn(
                name: "FourEyesThreshold",
                table: "VoucherSchemes");
        }
    }
}
