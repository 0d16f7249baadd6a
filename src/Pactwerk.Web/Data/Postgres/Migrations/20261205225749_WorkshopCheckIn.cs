using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckInCode",
                table: "SchoolClasses",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClassCheckIns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    ClassId = table.Column<int>(type: "integer", nullable: false),
                    ArrivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Present = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassCheckIns", x => x.Id);
                    table.CheckConstraint("CK_ClassCheckIns_Present", "\"Present\" > 0");
                    table.ForeignKey(
                        name: "FK_ClassCheckIns_SchoolClasses_ClassId",
                        column: x => x.ClassId,
                        principalTable: "SchoolClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClassCheckIns_WorkshopDayEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "WorkshopDayEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolClasses_CheckInCode",
                table: "SchoolClasses",
                column: "CheckInCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassCheckIns_ClassId",
                table: "ClassCheckIns",
                column: "ClassId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassCheckIns_EventId",
                table: "ClassCheckIns",
                column: "EventId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassCheckIns");

            migrationBuilder.DropIndex(
                name: "IX_SchoolClasses_CheckInCode",
                table: "SchoolClasses");

            migrationBuilder.DropColumn(
                name: "CheckInCode",
                table: "SchoolClasses");
        }
    }
}
