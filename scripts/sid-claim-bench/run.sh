#!/bin/bash
# The sid trigger's cost on PostgreSQL, per call inserted (docs/benchmarks.md, "Monthly partitions"). Needs a
# database migrated to MonthlyCallPartitions or later that it may fill (300,000 calls are loaded first), psql and
# pgbench, and PostgreSQL on this host (it reads the backend's CPU time from /proc).
#
#   PGHOST=localhost PGUSER=telephony PGPASSWORD=telephony PGDATABASE=sid_bench scripts/sid-claim-bench/run.sh [ROUNDS]
#
# Variants: current (the row trigger claims every sid), statement (a statement-level AFTER INSERT trigger with a
# transition table), when (the row trigger with the front door's WHEN condition, the setting made by a statement of its
# own), mark (the same trigger, the setting returned by the claim, as the front door does). Workloads: "fd" claims the sids in a
# CTE and inserts only the claimed calls, as the front door does; "ef" inserts calls and leaves the claim to the
# trigger, as EF Core, the call batch and COPY do. Bulk and small statements run in a PL/pgSQL loop inside a rolled-back
# transaction; the pgbench rows send the front door's statement prepared, one client, the WHEN variant with set_config
# first in the same pipeline or returned by the claim. The trigger left installed at the end is the migrated one (when).
set -euo pipefail
cd "$(dirname "$0")"
rounds=${1:-3}
tck=$(getconf CLK_TCK)
q() { psql -v ON_ERROR_STOP=1 -qAt "$@"; }
q -c "SET client_min_messages = warning" -f variants.sql -f bench.sql >/dev/null
if [ "$(q -c 'SELECT count(*) FROM "CallSids"')" -lt 300000 ]; then
  q -c "SET client_min_messages = warning" -c "SELECT use_variant('none')" >/dev/null
  q -c "INSERT INTO \"CallSids\" SELECT 'CA'||md5('pre'||g), now() - (g % 86400) * interval '1 second' FROM generate_series(1,300000) g" \
    -c "INSERT INTO \"Calls\" (\"CallSid\",\"AccountSid\",\"Direction\",\"From\",\"To\",\"Status\",\"Route\",\"Language\",\"ConsentState\",\"RateLimited\",\"CreatedAt\",\"UpdatedAt\",\"ReachedVoicemail\",\"Version\")
        SELECT \"CallSid\",'AC1','inbound','+15550001111','+15550009999','Ringing','None','en','Unknown',false,\"CreatedAt\",\"CreatedAt\",false,gen_random_uuid() FROM \"CallSids\"" \
    -c "ANALYZE \"Calls\"" -c "ANALYZE \"CallSids\""
fi
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
for r in $(seq 1 "$rounds"); do
  for v in current statement when; do
    q -c "SET client_min_messages = warning" -c "SELECT use_variant('$v')" >/dev/null
    for w in "fd 50000 1" "ef 50000 1" "fd 10 500" "fd 1 3000" "ef 1 3000"; do
      set -- $w
      ef=false; [ "$1" = ef ] && ef=true
      sc=false; [ "$v" = when ] && [ "$1" = fd ] && sc=true
      # One session: its backend's CPU time before and after the rolled-back loop.
      coproc PSQL { psql -v ON_ERROR_STOP=1 -qAt; }
      echo "SELECT pg_backend_pid();" >&"${PSQL[1]}"; read -r pid <&"${PSQL[0]}"
      c0=$(cpu "$pid")
      echo "BEGIN; SELECT bench_insert('r$r$v$1$2$RANDOM', $2, $3, $ef, $sc); ROLLBACK;" >&"${PSQL[1]}"; read -r wall <&"${PSQL[0]}"
      c1=$(cpu "$pid")
      exec {PSQL[1]}>&-; wait "$PSQL_PID" || true
      echo "round $r $v $1 calls=$2 x$3 cpu_us_per_call=$(( (c1 - c0) * 1000000 / tck / ($2 * $3) )) wall_us_per_call=$wall"
    done
  done
  # The front door's statement through pgbench; "when" sends set_config as a separate statement first, "mark" returns
  # it from the claim (as PostgresFrontDoorBatch does), both with the WHEN trigger.
  for v in current statement when mark; do
    q -c "SET client_min_messages = warning" -c "SELECT use_variant('${v/mark/when}')" >/dev/null
    for n in 1 10; do
      f=fd.sql; [ "$v" = when ] && f=fdwhen.sql; [ "$v" = mark ] && f=fdmark.sql
      log=$(mktemp -d)
      pgbench -n -M prepared -c 1 -T 12 -D n="$n" -l --log-prefix="$log/tx" -f "$f" >/dev/null 2>&1 &
      bench=$!
      sleep 2
      pid=$(q -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench' AND datname = current_database() LIMIT 1")
      t0=$(date +%s.%N); c0=$(cpu "$pid")
      sleep 8
      t1=$(date +%s.%N); c1=$(cpu "$pid")
      wait "$bench"
      tx=$(cat "$log"/tx.* | awk -v a="$t0" -v b="$t1" '{t = $5 + $6 / 1e6; if (t >= a && t < b) n++} END {print n}')
      rm -rf "$log"
      echo "round $r $v fd calls=$n pgbench cpu_us_per_call=$(( (c1 - c0) * 1000000 / tck / (tx * n) )) statements=$tx"
    done
  done
done
q -c "SET client_min_messages = warning" -c "SELECT use_variant('when')" >/dev/null
