"""Reachability checks shared by /readyz and `crossnote doctor`: each returns None when the
service answers, else a short reason."""

import time
import uuid

from django.conf import settings
from django.db import connections

from crossnote.core.tasks import unpicked_since


def database(alias: str = "default") -> str | None:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return _reason(exc)


def cache() -> str | None:
    from django.core.cache import cache as default_cache

    key = f"crossnote:readyz:{uuid.uuid4().hex}"
    try:
        default_cache.set(key, "1", 10)
        value = default_cache.get(key)
        default_cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return _reason(exc)
    return None if value == "1" else "the cache did not return what was stored"


def broker(timeout: float = 3.0) -> str | None:
    """The Celery broker answers (None also when there is none: tasks then run in-process)."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return None
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
        return None
    except Exception as exc:  # noqa: BLE001
        return _reason(exc)


def background(timeout: float = 1.0) -> dict | None:
    """The task queue as a consumer sees it (None without a broker: tasks run in-process):
    workers answering a ping, messages waiting in the default queue (None when the broker
    cannot say), and for how many seconds tasks have been sent with none picked up."""
    if not settings.CELERY_BROKER_URL:
        return None
    from crossnote.celery import app

    try:
        workers = len(app.control.ping(timeout=timeout) or [])
    except Exception:  # noqa: BLE001 - an unreachable broker is reported by broker()
        workers = 0
    waiting = None
    name = app.conf.task_default_queue or "celery"
    try:
        with app.connection_for_read() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
            waiting = conn.default_channel.queue_declare(queue=name, passive=True).message_count
    except Exception as exc:  # noqa: BLE001
        # Redis drops an empty list's key, RabbitMQ a never-declared queue: nothing waits.
        waiting = 0 if "NOT_FOUND" in str(exc) or "404" in str(exc) else None
    since = unpicked_since()
    unpicked = int(max(0.0, time.time() - since)) if since else 0
    return {"queue": name, "workers": workers, "waiting": waiting, "unpicked_seconds": unpicked}


def storage() -> str | None:
    """Media storage accepts, returns and deletes a small file."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    payload = f"crossnote storage check {time.time()}".encode()
    try:
        name = default_storage.save(f"crossnote-check-{uuid.uuid4().hex}.txt", ContentFile(payload))
        try:
            with default_storage.open(name, "rb") as handle:
                back = handle.read()
        finally:
            default_storage.delete(name)
    except Exception as exc:  # noqa: BLE001
        return _reason(exc)
    return None if back == payload else "the file read back differs from the file written"


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:300] if text else type(exc).__name__


def readiness() -> dict[str, str | None]:
    """What /readyz reports: database(s), cache and broker."""
    checks = {f"database:{alias}": database(alias) for alias in settings.DATABASES}
    if len(checks) == 1:
        checks = {"database": checks["database:default"]}
    checks["cache"] = cache()
    checks["broker"] = broker()
    return checks
