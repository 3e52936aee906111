"""Queue background work once the current transaction commits (STYLE.md: side effects on commit).

Every background job is a Celery task (`@shared_task` in its app's tasks.py: thin, takes ids,
returns quietly when the row is gone). `enqueue` sends it to the broker when one is configured;
on the embedded default (no broker) it runs the same task in-process in a background thread, or
inline when CROSSNOTE_TASKS_INLINE is set (tests, CLI).
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, transaction

log = logging.getLogger(__name__)


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def run_now(task, *args, **kwargs) -> None:
    """Run a task body in this thread; a failure is logged, never raised to the caller."""
    try:
        task.apply(args=args, kwargs=kwargs, throw=True)
    except Exception:
        log.exception("task %s%r failed", task.name, args)


def _in_thread(task, args, kwargs) -> None:
    close_old_connections()
    try:
        run_now(task, *args, **kwargs)
    finally:
        close_old_connections()


def dispatch(task, *args, **kwargs) -> None:
    """Start a task now (no waiting for a commit): broker, inline or background thread."""
    if uses_broker():
        task.apply_async(args=args, kwargs=kwargs)
    elif settings.CROSSNOTE_TASKS_INLINE:
        run_now(task, *args, **kwargs)
    else:
        threading.Thread(target=_in_thread, args=(task, args, kwargs), daemon=True).start()


def enqueue(task, *args, **kwargs) -> None:
    """Start `task(*args, **kwargs)` after the current transaction commits (at once outside one);
    a rolled-back write queues nothing."""
    transaction.on_commit(lambda: dispatch(task, *args, **kwargs))
