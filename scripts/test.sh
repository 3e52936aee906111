#!/usr/bin/env bash
# The whole suite: lint, then pytest on SQLite (with the browser tests), then on PostgreSQL.
# PostgreSQL comes from TEST_POSTGRES_URL (default: this machine's server, database `test`).
# Where it is unreachable the PostgreSQL run is skipped with the reason, unless
# CROSSNOTE_REQUIRE_SERVICES=1 (set by .ci/run), which turns that skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"

echo "== ruff"
$VENV/bin/ruff check crossnote tests bench
$VENV/bin/ruff format --check crossnote tests bench

echo "== pytest on SQLite"
env -u DATABASE_URL $VENV/bin/pytest "$@"

echo "== pytest on PostgreSQL ($PG_URL)"
if reason=$($VENV/bin/python scripts/check_services.py postgres "$PG_URL"); then
  DATABASE_URL="$PG_URL" $VENV/bin/pytest -m "not e2e" "$@"
else
  if [ "${CROSSNOTE_REQUIRE_SERVICES:-0}" = "1" ]; then
    echo "FAILED: PostgreSQL is required here (CROSSNOTE_REQUIRE_SERVICES=1): $reason"
    exit 1
  fi
  echo "SKIPPED the PostgreSQL run: $reason"
fi
