using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProposalsForVacancies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "LearningPlaceId",
                table: "Proposals",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "VacancyId",
                table: "Proposals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_VacancyId_CandidateId",
                table: "Proposals",
                columns: new[] { "VacancyId", "CandidateId" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Proposals_OneOpening",
                table: "Proposals",
                sql: "(\"LearningPlaceId\" IS NULL AND \"VacancyId\" IS NOT NULL) OR (\"LearningPlaceId\" IS NOT NULL AND \"VacancyId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_Proposals_Vacancies_VacancyId",
                table: "Proposals",
                column: "VacancyId",
                principalTable: "Vacancies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Proposals_Vacancies_VacancyId",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_VacancyId_CandidateId",
                table: "Proposals");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Proposals_OneOpening",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "VacancyId",
                table: "Proposals");

            migrationBuilder.AlterColumn<int>(
                name: "LearningPlaceId",
                table: "Proposals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
