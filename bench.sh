#!/usr/bin/env bash
# The benchmark (not part of ./test.sh; method and figures in docs/benchmarks.md): builds Release, starts PostgreSQL
# when it is down, and runs Telephony.Bench, which prints one table. About 4 minutes on a 2-core machine. Options pass through:
#   ./bench.sh [--seconds 10] [--warmup 10] [--calls 1000000] [--days 30] [--only pgbench,postgres,wrk,cold,calls,live,sqlite,overview,overview-sqlite,readapi]
#              [--app-env DOTNET_TieredPGO=0,...]   (environment for the app under test, to measure runtime settings)
set -euo pipefail
cd "$(dirname "$0")"
. scripts/ensure-postgres.sh
command -v pgbench >/dev/null || { echo "pgbench is missing (Debian: postgresql-contrib / postgresql-15)"; exit 1; }
# wrk: the second load generator of the front-door rows (Debian's package).
command -v wrk >/dev/null || apt_install wrk
# Node.js: the second load generator of the whole-call rows (Telephony.Bench/whole-calls.mjs; Debian's package).
command -v node >/dev/null || apt_install nodejs
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Telephony.Web/Telephony.Web.csproj -c Release -v q -nologo >/dev/null
dotnet build Telephony.Bench/Telephony.Bench.csproj -c Release -v q -nologo >/dev/null
exec dotnet Telephony.Bench/bin/Release/net10.0/Telephony.Bench.dll \
  --app Telephony.Web/bin/Release/net10.0/Telephony.Web.dll --postgres "$TELEPHONY_TEST_POSTGRES" "$@"
