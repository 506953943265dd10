using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telephony.Data.Migrations.Postgres
{
    /// <summary>
    /// Partitions <c>Calls</c> (by <c>CreatedAt</c>) and <c>CallEvents</c> (by <c>OccurredAt</c>) by UTC calendar month
    /// (<c>docs/adr/0014-call-detail-retention.md</c>). The existing tables become one partition each, from the first row
    /// to the end of the current month (a validated check spares the scan when they are attached); the months after are
    /// created ahead, here and daily by the partition worker (<c>"EnsureCallPartitions"</c>). A sid stays unique through the
    /// <c>CallSids</c> table, kept by triggers on <c>Calls</c>.
    /// </summary>
    public partial class MonthlyCallPartitions : Migration
    {
        private const string Partition = """
            DO $migrate$
            DECLARE
                bound timestamptz;
                ix record;
            BEGIN
                -- The legacy partitions end with the month of the latest row (or of now, on an empty database).
                SELECT (date_trunc('month', greatest(now(), (SELECT max("CreatedAt") FROM "Calls"), (SELECT max("OccurredAt") FROM "CallEvents"))
                        AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
                INTO bound;

                -- Calls: the table becomes "Calls_legacy", its key gains the partition key, its indexes keep their definitions
                -- under a new name, and the partitioned "Calls" takes the names code and plans refer to.
                ALTER TABLE "Calls" RENAME TO "Calls_legacy";
                ALTER TABLE "Calls_legacy" DROP CONSTRAINT "PK_Calls";
                ALTER TABLE "Calls_legacy" ADD CONSTRAINT "Calls_legacy_pkey" PRIMARY KEY ("CallSid", "CreatedAt");
                EXECUTE format('ALTER TABLE "Calls_legacy" ADD CONSTRAINT "Calls_legacy_bound" CHECK ("CreatedAt" < %L)', bound);
                CREATE TABLE "Calls" (LIKE "Calls_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("CreatedAt");
                ALTER TABLE "Calls" ADD CONSTRAINT "PK_Calls" PRIMARY KEY ("CallSid", "CreatedAt");
                FOR ix IN SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
                          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          WHERE i.indrelid = '"Calls_legacy"'::regclass AND NOT i.indisprimary LOOP
                    EXECUTE format('ALTER INDEX %I RENAME TO %I', ix.name, ix.name || '_legacy');
                    EXECUTE replace(ix.def, '"Calls_legacy" USING', '"Calls" USING');
                END LOOP;

                -- A sid is unique across every month: one narrow row per call, the conflict target of the front door.
                CREATE TABLE "CallSids" (
                    "CallSid" character varying(34) NOT NULL,
                    "CreatedAt" timestamp with time zone NOT NULL,
                    CONSTRAINT "PK_CallSids" PRIMARY KEY ("CallSid"));
                INSERT INTO "CallSids" ("CallSid", "CreatedAt") SELECT "CallSid", "CreatedAt" FROM "Calls_legacy";
                CREATE INDEX "IX_CallSids_CreatedAt" ON "CallSids" ("CreatedAt");

                EXECUTE format('ALTER TABLE "Calls" ATTACH PARTITION "Calls_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', bound);

                -- CallEvents: the same, with "Id" from a sequence (PostgreSQL 15 has no identity column on a partitioned table).
                ALTER TABLE "CallEvents" RENAME TO "CallEvents_legacy";
                ALTER TABLE "CallEvents_legacy" ALTER COLUMN "Id" DROP IDENTITY;
                CREATE SEQUENCE "CallEvents_Id_seq" AS bigint;
                PERFORM setval('"CallEvents_Id_seq"', coalesce((SELECT max("Id") FROM "CallEvents_legacy"), 0) + 1, false);
                ALTER TABLE "CallEvents_legacy" DROP CONSTRAINT "PK_CallEvents";
                ALTER TABLE "CallEvents_legacy" ADD CONSTRAINT "CallEvents_legacy_pkey" PRIMARY KEY ("Id", "OccurredAt");
                EXECUTE format('ALTER TABLE "CallEvents_legacy" ADD CONSTRAINT "CallEvents_legacy_bound" CHECK ("OccurredAt" < %L)', bound);
                CREATE TABLE "CallEvents" (LIKE "CallEvents_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("OccurredAt");
                ALTER TABLE "CallEvents" ALTER COLUMN "Id" SET DEFAULT nextval('"CallEvents_Id_seq"');
                ALTER SEQUENCE "CallEvents_Id_seq" OWNED BY "CallEvents"."Id";
                ALTER TABLE "CallEvents" ADD CONSTRAINT "PK_CallEvents" PRIMARY KEY ("Id", "OccurredAt");
                FOR ix IN SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
                          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                          WHERE i.indrelid = '"CallEvents_legacy"'::regclass AND NOT i.indisprimary LOOP
                    EXECUTE format('ALTER INDEX %I RENAME TO %I', ix.name, ix.name || '_legacy');
                    EXECUTE replace(ix.def, '"CallEvents_legacy" USING', '"CallEvents" USING');
                END LOOP;
                EXECUTE format('ALTER TABLE "CallEvents" ATTACH PARTITION "CallEvents_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', bound);
            END
            $migrate$;
            """;

        // Every insert into Calls claims its sid in CallSids: the same sid with another CreatedAt (a Twilio retry handled
        // later) is a unique violation, as the sid's primary key was before partitioning, so every insert path keeps its
        // duplicate handling; the same sid and CreatedAt is left to Calls' own key (the front door claims first, then inserts).
        // A deleted call releases its sid; a dropped month does not fire it, and the expiry deletes those sids in batches.
        // An event needs its call: its foreign key now names the call's sid in CallSids (a key to the partitioned Calls would
        // need the call's month in every event), and a call's events go with its sid, as they went with the call before.
        private const string Triggers = """
            CREATE FUNCTION "Calls_claim_sid"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                INSERT INTO "CallSids" ("CallSid", "CreatedAt") VALUES (NEW."CallSid", NEW."CreatedAt") ON CONFLICT DO NOTHING;
                IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM "CallSids" WHERE "CallSid" = NEW."CallSid" AND "CreatedAt" = NEW."CreatedAt") THEN
                    RAISE unique_violation USING
                        MESSAGE = 'duplicate key value violates unique constraint "PK_CallSids"',
                        DETAIL = format('Key ("CallSid")=(%s) already exists.', NEW."CallSid"),
                        CONSTRAINT = 'PK_CallSids', TABLE = 'CallSids';
                END IF;
                RETURN NEW;
            END
            $fn$;
            CREATE TRIGGER "Calls_claim_sid" BEFORE INSERT ON "Calls" FOR EACH ROW EXECUTE FUNCTION "Calls_claim_sid"();

            CREATE FUNCTION "Calls_release_sid"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                DELETE FROM "CallSids" WHERE "CallSid" = OLD."CallSid" AND "CreatedAt" = OLD."CreatedAt";
                RETURN NULL;
            END
            $fn$;
            CREATE TRIGGER "Calls_release_sid" AFTER DELETE ON "Calls" FOR EACH ROW EXECUTE FUNCTION "Calls_release_sid"();

            ALTER TABLE "CallEvents" ADD CONSTRAINT "FK_CallEvents_Calls_CallSid"
                FOREIGN KEY ("CallSid") REFERENCES "CallSids" ("CallSid") ON DELETE CASCADE;
            """;

        // Creates the monthly partitions of both tables from the month of from_at through the month of through_at, and
        // returns how many it created. Months inside the legacy partitions are skipped. Several instances may call it at
        // once: the advisory lock serialises them (CREATE TABLE IF NOT EXISTS alone can fail on the catalog's unique keys).
        private const string Ensure = """
            CREATE FUNCTION "EnsureCallPartitions"(from_at timestamptz, through_at timestamptz) RETURNS integer LANGUAGE plpgsql AS $fn$
            DECLARE
                m timestamp := date_trunc('month', from_at AT TIME ZONE 'UTC');
                parent text;
                part text;
                created integer := 0;
            BEGIN
                PERFORM pg_advisory_xact_lock(7255467716042163561);
                WHILE m <= through_at AT TIME ZONE 'UTC' LOOP
                    FOREACH parent IN ARRAY ARRAY['Calls', 'CallEvents'] LOOP
                        part := parent || '_' || to_char(m, 'YYYY_MM');
                        IF to_regclass(quote_ident(part)) IS NULL THEN
                            BEGIN
                                EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                                               part, parent, m AT TIME ZONE 'UTC', (m + interval '1 month') AT TIME ZONE 'UTC');
                                created := created + 1;
                            EXCEPTION WHEN invalid_object_definition THEN
                                NULL; -- the month overlaps the legacy partition, which holds it
                            END;
                        END IF;
                    END LOOP;
                    m := m + interval '1 month';
                END LOOP;
                RETURN created;
            END
            $fn$;
            SELECT "EnsureCallPartitions"(now(), now() + interval '3 months');
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The model keeps this key (EF Core then inserts a call before its events); the database's key of the same name
            // references CallSids instead, as a key to a partitioned table would have to hold the call's month.
            migrationBuilder.DropForeignKey(
                name: "FK_CallEvents_Calls_CallSid",
                table: "CallEvents");

            migrationBuilder.Sql(Partition);
            migrationBuilder.Sql(Triggers);
            migrationBuilder.Sql(Ensure);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("Monthly partitions are not undone by a migration: restore a backup taken before it.");
    }
}
