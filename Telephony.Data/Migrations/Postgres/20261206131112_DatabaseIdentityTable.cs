using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DatabaseIdentityTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatabaseIdentity",
                columns: table => new
                {
                    Key = table.Column<int>(type: "integer", nullable: false),
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatabaseIdentity", x => x.Key);
                    table.CheckConstraint("CK_DatabaseIdentity_OneRow", "\"Key\" = 1");
                });

            // The database makes its own id, once, here: an existing database gets one when it is upgraded, a new one when
            // it is created. Journal records carry it, so a journal is never replayed into another database.
            migrationBuilder.Sql("INSERT INTO \"DatabaseIdentity\" (\"Key\", \"Id\") VALUES (1, replace(gen_random_uuid()::text, '-', ''));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatabaseIdentity");
        }
    }
}
