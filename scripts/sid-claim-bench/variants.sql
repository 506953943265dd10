-- The three ways of claiming a sid, installed by name: current (row trigger), statement (A), when (B).
CREATE OR REPLACE FUNCTION "Calls_claim_sids"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    taken text;
BEGIN
    INSERT INTO "CallSids" ("CallSid", "CreatedAt") SELECT "CallSid", "CreatedAt" FROM inserted ON CONFLICT DO NOTHING;
    SELECT i."CallSid" INTO taken FROM inserted i JOIN "CallSids" s ON s."CallSid" = i."CallSid" WHERE s."CreatedAt" <> i."CreatedAt" LIMIT 1;
    IF FOUND THEN
        RAISE unique_violation USING
            MESSAGE = 'duplicate key value violates unique constraint "PK_CallSids"',
            DETAIL = format('Key ("CallSid")=(%s) already exists.', taken),
            CONSTRAINT = 'PK_CallSids', TABLE = 'CallSids';
    END IF;
    RETURN NULL;
END
$fn$;
CREATE OR REPLACE FUNCTION use_variant(v text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DROP TRIGGER IF EXISTS "Calls_claim_sid" ON "Calls";
    DROP TRIGGER IF EXISTS "Calls_claim_sids" ON "Calls";
    IF v = 'current' THEN
        CREATE TRIGGER "Calls_claim_sid" BEFORE INSERT ON "Calls" FOR EACH ROW EXECUTE FUNCTION "Calls_claim_sid"();
    ELSIF v = 'when' THEN
        CREATE TRIGGER "Calls_claim_sid" BEFORE INSERT ON "Calls" FOR EACH ROW
            WHEN (current_setting('telephony.sids_claimed', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION "Calls_claim_sid"();
    ELSIF v = 'statement' THEN
        CREATE TRIGGER "Calls_claim_sids" AFTER INSERT ON "Calls" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "Calls_claim_sids"();
    END IF;
END $$;
