using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class lottery3_Draws : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VoucherApplications_SchemeId_Status_Arrival",
                table: "VoucherApplications");

            migrationBuilder.AddColumn<int>(
                name: "QueueOrder",
                table: "VoucherApplications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The queue so far is the order of arrival: every existing application keeps its place.
            migrationBuilder.Sql("UPDATE \"VoucherApplications\" SET \"QueueOrder\" = \"Arrival\";");

            migrationBuilder.CreateTable(
                name: "VoucherDraws",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SchemeId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Numbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Granted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoucherDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoucherDraws_VoucherSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "VoucherSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_SchemeId_Status_QueueOrder",
                table: "VoucherApplications",
                columns: new[] { "SchemeId", "Status", "QueueOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_VoucherDraws_SchemeId_Day",
                table: "VoucherDraws",
                columns: new[] { "SchemeId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VoucherDraws");

            migrationBuilder.DropIndex(
                name: "IX_VoucherApplications_SchemeId_Status_QueueOrder",
                table: "VoucherApplications");

            migrationBuilder.DropColumn(
                name: "QueueOrder",
                table: "VoucherApplications");

            migrationBuilder.CreateIndex(
                name: "IX_VoucherApplications_SchemeId_Status_Arrival",
                table: "VoucherApplications",
                columns: new[] { "SchemeId", "Status", "Arrival" });
        }
    }
}
