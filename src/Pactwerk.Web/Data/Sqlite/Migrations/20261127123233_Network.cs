using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Network : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Organisations_Regions_LocationRegionId",
                table: "Organisations");

            migrationBuilder.RenameColumn(
                name: "LocationRegionId",
                table: "Organisations",
                newName: "MunicipalityId");

            migrationBuilder.RenameIndex(
                name: "IX_Organisations_LocationRegionId",
                table: "Organisations",
                newName: "IX_Organisations_MunicipalityId");

            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "PactRoles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "PactRoles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Organisations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuoCode",
                table: "Organisations",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Organisations",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.AddColumn<string>(
                name: "KvkNumber",
                table: "Organisations",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Sectors",
                table: "Organisations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "PactSignatories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PactId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    WithdrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WithdrawalReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PactSignatories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PactSignatories_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PactSignatories_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PactRoles_OrganisationId",
                table: "PactRoles",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_DuoCode",
                table: "Organisations",
                column: "DuoCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Helix",
                table: "Organisations",
                column: "Helix");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_KvkNumber",
                table: "Organisations",
                column: "KvkNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PactSignatories_OrganisationId",
                table: "PactSignatories",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PactSignatories_PactId_OrganisationId",
                table: "PactSignatories",
                columns: new[] { "PactId", "OrganisationId" });

            migrationBuilder.AddForeignKey(
                name: "FK_Organisations_Regions_MunicipalityId",
                table: "Organisations",
                column: "MunicipalityId",
                principalTable: "Regions",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_PactRoles_Organisations_OrganisationId",
                table: "PactRoles",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Organisations_Regions_MunicipalityId",
                table: "Organisations");

            migrationBuilder.DropForeignKey(
                name: "FK_PactRoles_Organisations_OrganisationId",
                table: "PactRoles");

            migrationBuilder.DropTable(
                name: "PactSignatories");

            migrationBuilder.DropIndex(
                name: "IX_PactRoles_OrganisationId",
                table: "PactRoles");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_DuoCode",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Helix",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_KvkNumber",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "PactRoles");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "PactRoles");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "DuoCode",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "KvkNumber",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "Sectors",
                table: "Organisations");

            migrationBuilder.RenameColumn(
                name: "MunicipalityId",
                table: "Organisations",
                newName: "LocationRegionId");

            migrationBuilder.RenameIndex(
                name: "IX_Organisations_MunicipalityId",
                table: "Organisations",
                newName: "IX_Organisations_LocationRegionId");

            migrationBuilder.AddForeignKey(
                name: "FK_Organisations_Regions_LocationRegionId",
                table: "Organisations",
                column: "LocationRegionId",
                principalTable: "Regions",
                principalColumn: "Id");
        }
    }
}
