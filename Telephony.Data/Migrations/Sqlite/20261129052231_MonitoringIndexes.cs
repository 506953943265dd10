using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonitoringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Calls_ParentCallSid",
                table: "Calls");

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningTransactions_Status_UpdatedAt",
                table: "ProvisioningTransactions",
                columns: new[] { "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Calls_ParentCallSid_CreatedAt",
                table: "Calls",
                columns: new[] { "ParentCallSid", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Calls_Status_UpdatedAt",
                table: "Calls",
                columns: new[] { "Status", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProvisioningTransactions_Status_UpdatedAt",
                table: "ProvisioningTransactions");

            migrationBuilder.DropIndex(
                name: "IX_Calls_ParentCallSid_CreatedAt",
                table: "Calls");

            migrationBuilder.DropIndex(
                name: "IX_Calls_Status_UpdatedAt",
                table: "Calls");

            migrationBuilder.CreateIndex(
                name: "IX_Calls_ParentCallSid",
                table: "Calls",
                column: "ParentCallSid");
        }
    }
}
