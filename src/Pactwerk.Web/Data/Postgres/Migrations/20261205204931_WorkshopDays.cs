using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Pactwerk.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkshopDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkshopDayEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PactId = table.Column<int>(type: "integer", nullable: false),
                    ActionId = table.Column<int>(type: "integer", nullable: true),
                    Slug = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Venue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegistrationClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WorkshopsPerClass = table.Column<int>(type: "integer", nullable: false),
                    Invented = table.Column<bool>(type: "boolean", nullable: false),
                    AllocatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AllocationObjective = table.Column<long>(type: "bigint", nullable: true),
                    AllocationBound = table.Column<long>(type: "bigint", nullable: true),
                    AllocationMilliseconds = table.Column<int>(type: "integer", nullable: true),
                    WorstSchoolPerMille = table.Column<int>(type: "integer", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopDayEvents", x => x.Id);
                    table.CheckConstraint("CK_WorkshopDayEvents_PerClass", "\"WorkshopsPerClass\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_WorkshopDayEvents_PactActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "PactActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_WorkshopDayEvents_Pacts_PactId",
                        column: x => x.PactId,
                        principalTable: "Pacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventDays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventDays_WorkshopDayEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "WorkshopDayEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchoolRegistrations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    School = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Municipality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Teacher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    EmailConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchoolRegistrations_WorkshopDayEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "WorkshopDayEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionSlots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DayId = table.Column<int>(type: "integer", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionSlots_EventDays_DayId",
                        column: x => x.DayId,
                        principalTable: "EventDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerShifts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    DayId = table.Column<int>(type: "integer", nullable: false),
                    Task = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndsAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Needed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerShifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VolunteerShifts_EventDays_DayId",
                        column: x => x.DayId,
                        principalTable: "EventDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VolunteerShifts_WorkshopDayEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "WorkshopDayEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Workshops",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    DayId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AgeGroup = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CapacityPerSession = table.Column<int>(type: "integer", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workshops", x => x.Id);
                    table.CheckConstraint("CK_Workshops_Sizes", "\"CapacityPerSession\" > 0 AND \"DurationMinutes\" > 0");
                    table.ForeignKey(
                        name: "FK_Workshops_EventDays_DayId",
                        column: x => x.DayId,
                        principalTable: "EventDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Workshops_WorkshopDayEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "WorkshopDayEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchoolClasses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegistrationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Pupils = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DayId = table.Column<int>(type: "integer", nullable: false),
                    Arrival = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Departure = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Preferences = table.Column<List<int>>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolClasses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchoolClasses_EventDays_DayId",
                        column: x => x.DayId,
                        principalTable: "EventDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SchoolClasses_SchoolRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "SchoolRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClassAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClassId = table.Column<int>(type: "integer", nullable: false),
                    WorkshopId = table.Column<int>(type: "integer", nullable: false),
                    SlotId = table.Column<int>(type: "integer", nullable: false),
                    Pinned = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassAssignments_SchoolClasses_ClassId",
                        column: x => x.ClassId,
                        principalTable: "SchoolClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClassAssignments_SessionSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "SessionSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassAssignments_Workshops_WorkshopId",
                        column: x => x.WorkshopId,
                        principalTable: "Workshops",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassAssignments_ClassId_WorkshopId",
                table: "ClassAssignments",
                columns: new[] { "ClassId", "WorkshopId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassAssignments_SlotId",
                table: "ClassAssignments",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassAssignments_WorkshopId",
                table: "ClassAssignments",
                column: "WorkshopId");

            migrationBuilder.CreateIndex(
                name: "IX_EventDays_EventId_Date",
                table: "EventDays",
                columns: new[] { "EventId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolClasses_DayId",
                table: "SchoolClasses",
                column: "DayId");

            migrationBuilder.CreateIndex(
                name: "IX_SchoolClasses_RegistrationId",
                table: "SchoolClasses",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_SchoolRegistrations_EventId",
                table: "SchoolRegistrations",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_SchoolRegistrations_KeyHash",
                table: "SchoolRegistrations",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionSlots_DayId_StartsAt",
                table: "SessionSlots",
                columns: new[] { "DayId", "StartsAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerShifts_DayId",
                table: "VolunteerShifts",
                column: "DayId");

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerShifts_EventId",
                table: "VolunteerShifts",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopDayEvents_ActionId",
                table: "WorkshopDayEvents",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopDayEvents_PactId",
                table: "WorkshopDayEvents",
                column: "PactId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopDayEvents_Slug",
                table: "WorkshopDayEvents",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_DayId",
                table: "Workshops",
                column: "DayId");

            migrationBuilder.CreateIndex(
                name: "IX_Workshops_EventId",
                table: "Workshops",
                column: "EventId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassAssignments");

            migrationBuilder.DropTable(
                name: "VolunteerShifts");

            migrationBuilder.DropTable(
                name: "SchoolClasses");

            migrationBuilder.DropTable(
                name: "SessionSlots");

            migrationBuilder.DropTable(
                name: "Workshops");

            migrationBuilder.DropTable(
                name: "SchoolRegistrations");

            migrationBuilder.DropTable(
                name: "EventDays");

            migrationBuilder.DropTable(
                name: "WorkshopDayEvents");
        }
    }
}
