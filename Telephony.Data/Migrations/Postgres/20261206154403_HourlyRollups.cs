using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HourlyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallHourRollups",
                columns: table => new
                {
                    HourStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ConsentHeard = table.Column<int>(type: "integer", nullable: false),
                    ConsentStood = table.Column<int>(type: "integer", nullable: false),
                    ConsentWithdrawn = table.Column<int>(type: "integer", nullable: false),
                    RecordingsWithoutConsent = table.Column<int>(type: "integer", nullable: false),
                    Offered = table.Column<int>(type: "integer", nullable: false),
                    Blocked = table.Column<int>(type: "integer", nullable: false),
                    TransfersAttempted = table.Column<int>(type: "integer", nullable: false),
                    TransfersAnswered = table.Column<int>(type: "integer", nullable: false),
                    AnsweredWithinThreshold = table.Column<int>(type: "integer", nullable: false),
                    Voicemails = table.Column<int>(type: "integer", nullable: false),
                    Abandoned = table.Column<int>(type: "integer", nullable: false),
                    IvrAbandons = table.Column<int>(type: "integer", nullable: false),
                    ShortAbandons = table.Column<int>(type: "integer", nullable: false),
                    ShortTransferAbandons = table.Column<int>(type: "integer", nullable: false),
                    InProgress = table.Column<int>(type: "integer", nullable: false),
                    Finished = table.Column<int>(type: "integer", nullable: false),
                    FinishedSucceeded = table.Column<int>(type: "integer", nullable: false),
                    TimedAnswers = table.Column<int>(type: "integer", nullable: false),
                    TicksToAnswer = table.Column<long>(type: "bigint", nullable: false),
                    TalkSamples = table.Column<int>(type: "integer", nullable: false),
                    TalkSeconds = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallHourRollups", x => new { x.HourStart, x.Language });
                });

            migrationBuilder.CreateTable(
                name: "RollupState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    FoldedThrough = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ChangesCheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordingEventCursor = table.Column<long>(type: "bigint", nullable: false),
                    ServiceLevelThresholdTicks = table.Column<long>(type: "bigint", nullable: false),
                    ShortAbandonTicks = table.Column<long>(type: "bigint", nullable: false),
                    LeaseOwner = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupState", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallHourRollups");

            migrationBuilder.DropTable(
                name: "RollupState");
        }
    }
}
