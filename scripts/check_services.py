"""Says whether a service the scale-out tests need is reachable; prints why not, exits 1."""

import sys


def check_postgres(url: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure is a reason to report
        return f"cannot connect to {url}: {exc}".strip()


def main() -> int:
    kind, url = sys.argv[1], sys.argv[2]
    checks = {"postgres": check_postgres}
    reason = checks[kind](url)
    if reason:
        print(reason)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
