using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LearningAccountBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "ApplicationId",
                table: "VoucherPayments",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "BookingId",
                table: "VoucherPayments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LearningBookings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Price = table.Column<long>(type: "INTEGER", nullable: false),
                    FromAccount = table.Column<long>(type: "INTEGER", nullable: false),
                    CoPayment = table.Column<long>(type: "INTEGER", nullable: false),
                    ReservationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BookedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProviderConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProviderConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    HolderConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningBookings", x => x.Id);
                    table.CheckConstraint("CK_LearningBookings_Amounts", "\"Price\" > 0 AND \"FromAccount\" > 0 AND \"CoPayment\" >= 0 AND \"FromAccount\" + \"CoPayment\" = \"Price\"");
                    table.ForeignKey(
                        name: "FK_LearningBookings_LearningAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "LearningAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LearningBookings_LedgerPostings_ReservationId",
                        column: x => x.ReservationId,
                        principalTable: "LedgerPostings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LearningBookings_VoucherCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "VoucherCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LearningBookings_VoucherProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "VoucherProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherPayments_BookingId",
                table: "VoucherPayments",
                column: "BookingId",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_VoucherPayments_PaysOne",
                table: "VoucherPayments",
                sql: "(\"ApplicationId\" IS NULL) <> (\"BookingId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_LearningBookings_AccountId_Id",
                table: "LearningBookings",
                columns: new[] { "AccountId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningBookings_CourseId",
                table: "LearningBookings",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningBookings_ProviderId_Status",
                table: "LearningBookings",
                columns: new[] { "ProviderId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningBookings_ReservationId",
                table: "LearningBookings",
                column: "ReservationId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_VoucherPayments_LearningBookings_BookingId",
                table: "VoucherPayments",
                column: "BookingId",
                principalTable: "LearningBookings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VoucherPayments_LearningBookings_BookingId",
                table: "VoucherPayments");

            migrationBuilder.DropTable(
                name: "LearningBookings");

            migrationBuilder.DropIndex(
                name: "IX_VoucherPayments_BookingId",
                table: "VoucherPayments");

            migrationBuilder.DropCheckConstraint(
                name: "CK_VoucherPayments_PaysOne",
                table: "VoucherPayments");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "VoucherPayments");

            migrationBuilder.AlterColumn<long>(
                name: "ApplicationId",
                table: "VoucherPayments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
