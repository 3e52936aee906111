"""A throwaway PostgreSQL 16 with pgvector for the test suite's pgvector pass (scripts/test.sh).

    python scripts/pgvector_server.py start DIR   # prints the DATABASE_URL; the server keeps running
    python scripts/pgvector_server.py stop DIR    # stops it and deletes DIR

The server is the `pgserver` wheel (a test extra): PostgreSQL 16.2 and pgvector 0.6.2, built
for manylinux, listening on a Unix socket inside DIR only. Debian 12 packages no pgvector for its
PostgreSQL 15, so this is how the pgvector store is tested on a machine without one. Exits 1
with the reason when the server cannot start.
"""

import shutil
import sys
import warnings
from pathlib import Path


def start(folder: Path) -> int:
    import pgserver

    server = pgserver.get_server(folder / "data", cleanup_mode=None)  # outlives this process
    server.psql("SELECT 1;")
    socket = server.get_postmaster_info().socket_dir
    # The socket folder as ?host=: django-environ passes it to psycopg in OPTIONS, libpq reads it.
    print(f"postgres://postgres@/postgres?host={socket}")
    return 0


def stop(folder: Path) -> int:
    import pgserver

    if (folder / "data" / "postmaster.pid").exists():
        pgserver.get_server(folder / "data", cleanup_mode="stop").cleanup()
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    action, folder = sys.argv[1], Path(sys.argv[2]).resolve()
    warnings.simplefilter("ignore")  # platformdirs warns that XDG_RUNTIME_DIR is unset
    try:
        return start(folder) if action == "start" else stop(folder)
    except Exception as exc:  # noqa: BLE001 - any failure is a reason to report
        print(f"cannot {action} pgserver in {folder}: {exc!r}".strip())
        return 1


if __name__ == "__main__":
    sys.exit(main())
