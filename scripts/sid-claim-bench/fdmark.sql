WITH input AS (SELECT 'CA'||md5(random()::text||g) AS sid, now() AS at FROM generate_series(1, :n) g),
claimed AS (INSERT INTO "CallSids" ("CallSid","CreatedAt") SELECT sid, at FROM input ORDER BY sid ON CONFLICT ("CallSid") DO NOTHING RETURNING "CallSid" AS sid, set_config('telephony.sids_claimed', 'on', true) AS marked)
INSERT INTO "Calls" ("CallSid","AccountSid","Direction","From","To","Status","Route","Language","ConsentState","RateLimited","CreatedAt","UpdatedAt","ReachedVoicemail","Version")
SELECT sid,'AC1','inbound','+15550001111','+15550009999','Ringing','None','en','Unknown',false, at, at, false, gen_random_uuid() FROM input JOIN claimed USING (sid) WHERE claimed.marked = 'on' ORDER BY sid;
