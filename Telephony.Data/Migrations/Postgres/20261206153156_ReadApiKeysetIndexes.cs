using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReadApiKeysetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Calls_CreatedAt",
                table: "Calls");

            migrationBuilder.CreateIndex(
                name: "IX_Voicemails_CreatedAt_RecordingSid",
                table: "Voicemails",
                columns: new[] { "CreatedAt", "RecordingSid" });

            migrationBuilder.CreateIndex(
                name: "IX_Calls_CreatedAt_CallSid",
                table: "Calls",
                columns: new[] { "CreatedAt", "CallSid" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Voicemails_CreatedAt_RecordingSid",
                table: "Voicemails");

            migrationBuilder.DropIndex(
                name: "IX_Calls_CreatedAt_CallSid",
                table: "Calls");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_CreatedAt",
                table: "Calls",
                column: "CreatedAt");
        }
    }
}
