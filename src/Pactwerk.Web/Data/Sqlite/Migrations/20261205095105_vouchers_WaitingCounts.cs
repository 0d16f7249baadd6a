using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class vouchers_WaitingCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VoucherWaitingCounts",
                columns: table => new
                {
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Block = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherWaitingCounts", x => new { x.SchemeId, x.Block });
                    table.CheckConstraint("CK_VoucherWaitingCounts_Count", "\"Count\" >= 0");
                    table.ForeignKey(
                        name: "FK_VoucherWaitingCounts_VoucherSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "VoucherSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The waiting lists that exist already, counted per block of 1024 queue numbers (WaitingList.BlockSize).
            migrationBuilder.Sql("""
                INSERT INTO "VoucherWaitingCounts" ("SchemeId", "Block", "Count")
                SELECT "SchemeId", "QueueOrder" / 1024, COUNT(*) FROM "VoucherApplications" WHERE "Status" = 'Waiting' GROUP BY "SchemeId", "QueueOrder" / 1024
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VoucherWaitingCounts");
        }
    }
}
