using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CallDetailRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DetailDeletedBefore",
                table: "RollupState",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailDeletedBefore",
                table: "RollupState");
        }
    }
}
