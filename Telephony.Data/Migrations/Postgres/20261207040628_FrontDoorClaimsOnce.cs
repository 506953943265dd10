using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <summary>
    /// The sid trigger on <c>Calls</c> (<c>"Calls_claim_sid"</c>) skips the statements that claimed their sids in
    /// <c>CallSids</c> themselves: the front-door batch claims every call's sid before it inserts the call, and the
    /// trigger claimed it a second time (an insert that conflicts, then a probe, through PL/pgSQL for every call). Such a
    /// statement evaluates <c>set_config('telephony.sids_claimed', 'on', true)</c> with each sid it claims, before the
    /// call is inserted; every other insert (EF Core, the call batch, the seeder's COPY) fires the trigger as before
    /// (<c>docs/adr/0014-call-detail-retention.md</c>).
    /// </summary>
    public partial class FrontDoorClaimsOnce : Migration
    {
        // A row trigger's WHEN condition is evaluated without calling the function: one look-up of a setting per row.
        // The setting is transaction-local, so it ends with the statement's implicit transaction, and it only ever spares
        // work: a statement that did not set it claims every sid through the trigger.
        private const string SkipClaimedSql = """
            DROP TRIGGER "Calls_claim_sid" ON "Calls";
            CREATE TRIGGER "Calls_claim_sid" BEFORE INSERT ON "Calls" FOR EACH ROW
                WHEN (current_setting('telephony.sids_claimed', true) IS DISTINCT FROM 'on')
                EXECUTE FUNCTION "Calls_claim_sid"();
            """;

        private const string ClaimAlwaysSql = """
            DROP TRIGGER "Calls_claim_sid" ON "Calls";
            CREATE TRIGGER "Calls_claim_sid" BEFORE INSERT ON "Calls" FOR EACH ROW EXECUTE FUNCTION "Calls_claim_sid"();
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(SkipClaimedSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ClaimAlwaysSql);
    }
}
