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

echo "== mypy (pyproject.toml [tool.mypy]: the strictness and the baseline of modules still owing)"
$VENV/bin/mypy crossnote

echo "== supply chain: bandit (high) and pip-audit"
$VENV/bin/python scripts/supply_chain.py

echo "== pytest on SQLite (the embedded default: no Redis, no broker)"
env -u DATABASE_URL -u REDIS_URL -u CELERY_BROKER_URL $VENV/bin/pytest "$@"

# The scale-out pass: PostgreSQL, with Redis as cache and rate-limit store (flushed first, so
# leftovers of other runs never leak in). Its tests/scaleout start real `crossnote worker`
# processes on Redis and RabbitMQ (TEST_REDIS_URL, TEST_AMQP_URL: tests/conftest.py).
REDIS_TEST_URL="${TEST_REDIS_CACHE_URL:-redis://127.0.0.1:6379/1}"
echo "== pytest on PostgreSQL ($PG_URL) + Redis ($REDIS_TEST_URL)"
if reason=$($VENV/bin/python scripts/check_services.py postgres "$PG_URL"); then
  if redis_reason=$($VENV/bin/python scripts/check_services.py redis "$REDIS_TEST_URL"); then
    $VENV/bin/python -c 'import redis, sys; redis.Redis.from_url(sys.argv[1]).flushdb()' "$REDIS_TEST_URL"
    REDIS_ENV=(REDIS_URL="$REDIS_TEST_URL")
  elif [ "${CROSSNOTE_REQUIRE_SERVICES:-0}" = "1" ]; then
    echo "FAILED: Redis is required here (CROSSNOTE_REQUIRE_SERVICES=1): $redis_reason"
    exit 1
  else
    echo "Redis unreachable, this pass uses the database cache: $redis_reason"
    REDIS_ENV=()
  fi
  env "${REDIS_ENV[@]}" DATABASE_URL="$PG_URL" $VENV/bin/pytest -m "not e2e" "$@"
else
  if [ "${CROSSNOTE_REQUIRE_SERVICES:-0}" = "1" ]; then
    echo "FAILED: PostgreSQL is required here (CROSSNOTE_REQUIRE_SERVICES=1): $reason"
    exit 1
  fi
  echo "SKIPPED the PostgreSQL run: $reason"
fi

# The pgvector pass: the search app's vector store on PostgreSQL with the `vector` extension.
# Debian 12 packages no pgvector for its PostgreSQL 15, so scripts/pgvector_server.py starts the
# pgserver wheel's PostgreSQL 16 + pgvector (a test extra) in a throwaway folder, on a Unix socket.
echo "== pytest tests/search on PostgreSQL 16 + pgvector (pgserver)"
PGV_DIR=$(mktemp -d)
trap '$VENV/bin/python scripts/pgvector_server.py stop "$PGV_DIR" >/dev/null' EXIT
if pgv_url=$($VENV/bin/python scripts/pgvector_server.py start "$PGV_DIR"); then
  env -u REDIS_URL -u CELERY_BROKER_URL DATABASE_URL="$pgv_url" \
    $VENV/bin/pytest tests/search -m "not e2e" "$@"
elif [ "${CROSSNOTE_REQUIRE_SERVICES:-0}" = "1" ]; then
  echo "FAILED: pgvector's PostgreSQL is required here (CROSSNOTE_REQUIRE_SERVICES=1): $pgv_url"
  exit 1
else
  echo "SKIPPED the pgvector run: $pgv_url"
fi
