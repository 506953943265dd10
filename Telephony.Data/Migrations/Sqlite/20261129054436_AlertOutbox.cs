using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlertOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_AlertId",
                table: "AlertDeliveries");

            migrationBuilder.AddColumn<long>(
                name: "LastSeenAt",
                table: "Alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "Alerts",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "AlertDeliveries",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "AlertDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "DeliveredAt",
                table: "AlertDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastAttemptAt",
                table: "AlertDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetKey",
                table: "AlertDeliveries",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_OpenRule",
                table: "Alerts",
                column: "RuleKey",
                unique: true,
                filter: "\"Status\" <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_AlertId_Kind_TargetKey",
                table: "AlertDeliveries",
                columns: new[] { "AlertId", "Kind", "TargetKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alerts_OpenRule",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_AlertDeliveries_AlertId_Kind_TargetKey",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "LastSeenAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "AlertDeliveries");

            migrationBuilder.DropColumn(
                name: "TargetKey",
                table: "AlertDeliveries");

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveries_AlertId",
                table: "AlertDeliveries",
                column: "AlertId");
        }
    }
}
