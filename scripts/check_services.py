"""Says whether a service the scale-out tests need is reachable; prints why not, exits 1."""

import sys


def check_postgres(url: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure is a reason to report
        return f"cannot connect to {url}: {exc}".strip()


def check_redis(url: str) -> str | None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
        return None
    except Exception as exc:  # noqa: BLE001
        return f"cannot connect to {url}: {exc}".strip()


def check_amqp(url: str) -> str | None:
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
        return None
    except Exception as exc:  # noqa: BLE001
        return f"cannot connect to {url}: {exc}".strip()


CHECKS = {"postgres": check_postgres, "redis": check_redis, "amqp": check_amqp}


def main() -> int:
    kind, url = sys.argv[1], sys.argv[2]
    reason = CHECKS[kind](url)
    if reason:
        print(reason)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
