using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class life2_VoucherLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ExpireAfterDays",
                table: "VoucherSchemes",
                type: "INTEGER",
                nullable: false,
                // Existing schemes get the model's default, not 0 (which would expire every granted voucher at once).
                defaultValue: 90);

            migrationBuilder.AddColumn<DateTime>(
                name: "ParticipantConfirmedAt",
                table: "VoucherApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProviderConfirmedAt",
                table: "VoucherApplications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VoucherEvidence",
                columns: table => new
                {
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: false),
                    AttendancePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Certificate = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherEvidence", x => x.ApplicationId);
                    table.ForeignKey(
                        name: "FK_VoucherEvidence_VoucherApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VoucherApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoucherProviderUsers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherProviderUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoucherProviderUsers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VoucherProviderUsers_VoucherProviders_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "VoucherProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherProviderUsers_ProviderId_UserId",
                table: "VoucherProviderUsers",
                columns: new[] { "ProviderId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VoucherProviderUsers_UserId",
                table: "VoucherProviderUsers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VoucherEvidence");

            migrationBuilder.DropTable(
                name: "VoucherProviderUsers");

            migrationBuilder.DropColumn(
                name: "ExpireAfterDays",
                table: "VoucherSchemes");

            migrationBuilder.DropColumn(
                name: "ParticipantConfirmedAt",
                table: "VoucherApplications");

            migrationBuilder.DropColumn(
                name: "ProviderConfirmedAt",
                table: "VoucherApplications");
        }
    }
}
