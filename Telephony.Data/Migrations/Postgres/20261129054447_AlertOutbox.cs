using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastSeenAt",
                table: "Alerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "Alerts",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "AlertDeliveries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "AlertDeliveries",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeliveredAt",
                table: "AlertDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAttemptAt",
                table: "AlertDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TargetKey",
                table: "AlertDeliveries",
                type: "character varying(128)",
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
