using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class edition_SectionsAndNetworkAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ActionId",
                table: "LearningNetworks",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EditionSection",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EditionId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveNumber = table.Column<int>(type: "integer", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IndicatorCodes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EditionSection", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EditionSection_MonitorEdition_EditionId",
                        column: x => x.EditionId,
                        principalTable: "MonitorEdition",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LearningNetworks_ActionId",
                table: "LearningNetworks",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_EditionSection_EditionId_Position",
                table: "EditionSection",
                columns: new[] { "EditionId", "Position" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_LearningNetworks_PactActions_ActionId",
                table: "LearningNetworks",
                column: "ActionId",
                principalTable: "PactActions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_LearningNetworks_PactActions_ActionId",
                table: "LearningNetworks");

            migrationBuilder.DropTable(
                name: "EditionSection");

            migrationBuilder.DropIndex(
                name: "IX_LearningNetworks_ActionId",
                table: "LearningNetworks");

            migrationBuilder.DropColumn(
                name: "ActionId",
                table: "LearningNetworks");
        }
    }
}
