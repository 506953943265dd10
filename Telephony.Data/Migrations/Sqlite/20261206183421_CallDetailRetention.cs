using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallDetailRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DetailDeletedBefore",
                table: "RollupState",
                type: "INTEGER",
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
