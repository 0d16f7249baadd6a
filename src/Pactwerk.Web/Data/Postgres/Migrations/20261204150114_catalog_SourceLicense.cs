using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class catalog_SourceLicense : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "License",
                table: "DataSources",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);
            // DUO imported before the licence was kept: its open data is CC0, as the import profile now says.
            migrationBuilder.Sql("UPDATE \"DataSources\" SET \"License\" = 'http://creativecommons.org/publicdomain/zero/1.0/' WHERE \"Code\" = 'duo'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "License",
                table: "DataSources");
        }
    }
}
