#!/usr/bin/env bash
# Two instances of the app on ports 5001 and 5002 against one local PostgreSQL database, sharing one data directory.
# Ctrl-C stops both. See docs/scale-out.md.
#
#   scripts/scale-out.sh                 # build (Release), start both, wait until ready, print what to try
#   kill -9 "$(cat .scale-out/b.pid)"    # from another terminal: crash instance B the hard way
#
# Environment (all optional):
#   SCALE_OUT_DB      connection string (default: the `telephony` database ./test.sh creates)
#   ADMIN_EMAIL / ADMIN_PASSWORD  the first admin, created on an empty database
set -euo pipefail
cd "$(dirname "$0")/.."

db="${SCALE_OUT_DB:-Host=localhost;Port=5432;Username=telephony;Password=telephony;Database=telephony}"
email="${ADMIN_EMAIL:-admin@hotline.local}"
password="${ADMIN_PASSWORD:-Scale-Out-Local-1}"
state="$PWD/.scale-out"
mkdir -p "$state/data"

dotnet build Telephony.Web -c Release -v q -nologo
dll="$PWD/Telephony.Web/bin/Release/net10.0/Telephony.Web.dll"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT INT TERM

start() { # name port
  # Simulator mode (no Twilio credentials): each instance plays test calls against itself, so its public URL is its own
  # port. Everything else is shared: the database (calls, limits, leases, the Data Protection key ring) and the data
  # directory (voicemail audio; each instance keeps its own webhook journal), as several containers behind a load balancer share them in production.
  Database__Provider=Postgres \
  ConnectionStrings__Telephony="$db" \
  Twilio__PublicBaseUrl="http://localhost:$2" \
  Storage__DataDirectory="$state/data" Journal__Directory="$state/journal-$1" \
  Bootstrap__AdminEmail="$email" Bootstrap__AdminPassword="$password" \
  Provisioning__LeaseDuration=00:00:15 Provisioning__RecoveryInterval=00:00:05 \
    dotnet "$dll" --urls "http://localhost:$2" --contentRoot "$PWD/Telephony.Web" >"$state/$1.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$state/$1.pid"
}

start a 5001
start b 5002
for port in 5001 5002; do
  for _ in $(seq 1 120); do
    curl -fs "http://localhost:$port/health/ready" >/dev/null && break
    sleep 0.5
  done
  curl -fs "http://localhost:$port/health/ready" >/dev/null || { echo "instance on $port did not become ready; see $state/*.log" >&2; exit 1; }
done

cat <<TEXT
Both instances are ready (logs: $state/a.log, $state/b.log).
  http://localhost:5001  and  http://localhost:5002   sign in as $email / $password
Sign in on one: the other accepts the same cookie (browsers share cookies across ports; the key ring is in the database).
Press "Place a test call" on one instance's Overview: the call appears live on the other one's dashboard too.
Crash B: kill -9 \$(cat $state/b.pid)   (A keeps serving; provisioning B left running is taken over after the lease)
Ctrl-C stops both.
TEXT
wait
