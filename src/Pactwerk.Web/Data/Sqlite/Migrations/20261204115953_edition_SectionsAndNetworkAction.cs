using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EditionSection",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ObjectiveNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    IndicatorCodes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
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
