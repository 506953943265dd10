-- Inserts `iterations` front-door statements of `batch` calls each (claimed first in the same statement, as the front
-- door does) or, with ef => true, plain inserts that rely on the trigger (as EF Core and COPY do); returns µs per call.
CREATE OR REPLACE FUNCTION bench_insert(run text, batch int, iterations int, ef boolean, set_claimed boolean) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    FOR it IN 1..iterations LOOP
        IF set_claimed THEN PERFORM set_config('telephony.sids_claimed', 'on', true); END IF;
        IF ef THEN
            INSERT INTO "Calls" ("CallSid","AccountSid","Direction","From","To","Status","Route","Language","ConsentState","RateLimited","CreatedAt","UpdatedAt","ReachedVoicemail","Version")
            SELECT 'CA'||md5(run||it||'.'||g), 'AC1','inbound','+15550001111','+15550009999','Ringing','None','en','Unknown',false, now(), now(), false, gen_random_uuid()
            FROM generate_series(1, batch) g;
        ELSE
            WITH input AS (SELECT 'CA'||md5(run||it||'.'||g) AS sid, now() AS at FROM generate_series(1, batch) g),
            claimed AS (INSERT INTO "CallSids" ("CallSid","CreatedAt") SELECT sid, at FROM input ORDER BY sid ON CONFLICT ("CallSid") DO NOTHING RETURNING "CallSid" AS sid)
            INSERT INTO "Calls" ("CallSid","AccountSid","Direction","From","To","Status","Route","Language","ConsentState","RateLimited","CreatedAt","UpdatedAt","ReachedVoicemail","Version")
            SELECT sid,'AC1','inbound','+15550001111','+15550009999','Ringing','None','en','Unknown',false, at, at, false, gen_random_uuid()
            FROM input JOIN claimed USING (sid) ORDER BY sid;
        END IF;
    END LOOP;
    RETURN round(extract(epoch FROM clock_timestamp() - t0) * 1e6 / (batch * iterations), 1);
END $$;
