using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParentCallWindowIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Calls_CreatedAt_ParentCovering",
                table: "Calls",
                column: "CreatedAt",
                filter: "\"ParentCallSid\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "CallSid", "EndedAt", "TransferStartedAt", "TransferAnsweredAt", "DialCallStatus", "DialCallDuration", "ReachedVoicemail", "RateLimited", "Language", "ConsentState" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Calls_CreatedAt_ParentCovering",
                table: "Calls");
        }
    }
}
