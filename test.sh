#!/usr/bin/env bash
# Runs every test: starts a local PostgreSQL 15 and installs Chromium and promtool when missing, then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# PostgreSQL: Debian's package, cluster started with pg_ctlcluster (also defines as_root and apt_install).
. scripts/ensure-postgres.sh

# Chromium for the browser tests (Debian's package; tests launch /usr/bin/chromium).
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi

# promtool checks the /metrics scrape (Debian's prometheus package).
if ! command -v promtool >/dev/null 2>&1; then apt_install prometheus; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
set +e
dotnet test Telephony.sln --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Formatting and naming follow .editorconfig; a drift fails the run like a failing test.
if ! dotnet format Telephony.sln --verify-no-changes --no-restore; then
  echo "dotnet format found code that does not follow .editorconfig: run 'dotnet format Telephony.sln' and commit."
  status=1
fi

# One plain closing line, summed over test assemblies.
awk '/^ +Passed: +[0-9]+ *$/ { p += $2 } /^ +Failed: +[0-9]+ *$/ { f += $2 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
# The failures again, last, so a log cut to its tail still names them.
grep -E '^ +Failed [A-Za-z]' "$log" | sort -u || true
rm -f "$log"

exit "$status"
