using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Sqlite
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
                    HourStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ConsentHeard = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentStood = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentWithdrawn = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordingsWithoutConsent = table.Column<int>(type: "INTEGER", nullable: false),
                    Offered = table.Column<int>(type: "INTEGER", nullable: false),
                    Blocked = table.Column<int>(type: "INTEGER", nullable: false),
                    TransfersAttempted = table.Column<int>(type: "INTEGER", nullable: false),
                    TransfersAnswered = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredWithinThreshold = table.Column<int>(type: "INTEGER", nullable: false),
                    Voicemails = table.Column<int>(type: "INTEGER", nullable: false),
                    Abandoned = table.Column<int>(type: "INTEGER", nullable: false),
                    IvrAbandons = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortAbandons = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortTransferAbandons = table.Column<int>(type: "INTEGER", nullable: false),
                    InProgress = table.Column<int>(type: "INTEGER", nullable: false),
                    Finished = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedSucceeded = table.Column<int>(type: "INTEGER", nullable: false),
                    TimedAnswers = table.Column<int>(type: "INTEGER", nullable: false),
                    TicksToAnswer = table.Column<long>(type: "INTEGER", nullable: false),
                    TalkSamples = table.Column<int>(type: "INTEGER", nullable: false),
                    TalkSeconds = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallHourRollups", x => new { x.HourStart, x.Language });
                });

            migrationBuilder.CreateTable(
                name: "RollupState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    FoldedThrough = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangesCheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordingEventCursor = table.Column<long>(type: "INTEGER", nullable: false),
                    ServiceLevelThresholdTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    ShortAbandonTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
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
