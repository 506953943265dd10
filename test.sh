#!/usr/bin/env bash
# Runs every test: starts a local PostgreSQL 15 and installs Chromium when missing, then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# PostgreSQL: Debian's package, cluster started with pg_ctlcluster.
if ! command -v pg_lsclusters >/dev/null 2>&1; then apt_install postgresql; fi
if ! pg_isready -q -h localhost -p 5432; then
  cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then as_root pg_createcluster 15 main; cluster="15 main"; fi
  as_root pg_ctlcluster $cluster start
  for _ in $(seq 1 30); do pg_isready -q -h localhost -p 5432 && break; sleep 1; done
fi
pg_isready -h localhost -p 5432
as_root su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'telephony') THEN
    CREATE ROLE telephony LOGIN CREATEDB PASSWORD 'telephony';
  END IF;
END $$;
SQL
as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='telephony'\"" | grep -q 1 \
  || as_root su postgres -c "createdb -O telephony telephony"
export TELEPHONY_TEST_POSTGRES="${TELEPHONY_TEST_POSTGRES:-Host=localhost;Port=5432;Username=telephony;Password=telephony;Database=telephony}"

# Chromium for the browser tests (Debian's package; tests launch /usr/bin/chromium).
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
set +e
dotnet test Telephony.sln --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line, summed over test assemblies.
awk '/^ +Passed: +[0-9]+ *$/ { p += $2 } /^ +Failed: +[0-9]+ *$/ { f += $2 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
