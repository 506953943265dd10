# Sourced by test.sh and bench.sh: starts the local PostgreSQL 15 cluster when it is down (Debian's package,
# pg_ctlcluster), creates the telephony role and database, and exports TELEPHONY_TEST_POSTGRES.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

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
