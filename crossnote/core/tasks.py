"""Background work: queue a task once the current transaction commits (STYLE.md: side effects on
commit), retry it with backoff, and keep a dead letter when it keeps failing.

Every background job is a Celery task (`@shared_task` in its app's tasks.py: thin, takes ids,
returns quietly when the row is gone). Every task gets `CrossnoteTask`'s policy (crossnote/celery.py
makes it the app's base class): any exception is retried with exponential backoff and jitter, the
message is acknowledged only once the task has finished (a worker killed mid-task leaves it to be
delivered again), and a task that runs out of retries leaves a `FailedTask` row (admin,
`crossnote tasks failed`). A task that must not be retried raises `PermanentFailure`.

`enqueue` sends the task to the broker when one is configured (CELERY_BROKER_URL: Redis or
RabbitMQ, consumed by `crossnote worker`). On the embedded default (no broker) the same task runs
in-process in a background thread with the same retries (sleeping between tries), or inline when
CROSSNOTE_TASKS_INLINE is set (tests: no sleeping); a task marked `@shared_task(low_priority=True)`
(a note's photo variants, its indexing) goes to `crossnote serve`'s background process instead,
at a lower CPU priority, through a durable spool (crossnote.core.spool). Because a message can
be delivered twice, tasks must be idempotent: claim rows by status, and use `claim`/`retake`/`mark_done` (unique keys in
`TaskClaim`) where a status alone cannot tell a finished job from a dead worker's.
"""

import hashlib
import json
import logging
import threading
import time
from contextlib import contextmanager
from datetime import timedelta

from billiard.einfo import ExceptionInfo
from celery import Task, shared_task, signals
from celery.exceptions import Retry
from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, connections, transaction
from django.utils import timezone

log = logging.getLogger(__name__)

_local = threading.local()  # .backoff: this thread may sleep between retries


class PermanentFailure(Exception):  # noqa: N818 - the name says what it means to a task author
    """Raised by a task that must not be retried (e.g. its row ran out of attempts): the failure
    goes straight to the dead letters."""


class CrossnoteTask(Task):
    """The policy every Crossnote task shares (the Celery app's default task class)."""

    autoretry_for = (Exception,)
    dont_autoretry_for = (PermanentFailure,)
    max_retries = 5
    retry_backoff = 2  # seconds before the first retry, doubling each time ...
    retry_backoff_max = 600  # ... up to ten minutes
    retry_jitter = True  # a random delay up to that, so failures do not retry in lockstep
    acks_late = True
    reject_on_worker_lost = True

    def retry(self, *args, countdown=None, **kwargs):
        """On a broker the retry is a new message with a countdown. In-process (eager) Celery
        retries at once, so the background thread sleeps the backoff first (inline: no wait)."""
        request = self.request
        out_of_tries = self.max_retries is not None and request.retries >= self.max_retries
        if request.is_eager and getattr(_local, "backoff", False) and not out_of_tries:
            time.sleep(countdown or 0)
        return super().retry(*args, countdown=countdown, **kwargs)

    def before_start(self, task_id, args, kwargs):
        """A worker picked a message up: the queue has a consumer (see unpicked_since)."""
        if not self.request.is_eager:
            picked_up()

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Out of retries (or a PermanentFailure): keep a dead letter."""
        try:
            record_failure(
                task_name=self.name,
                task_id=task_id or "",
                args=args,
                kwargs=kwargs,
                exc=exc,
                traceback=str(einfo or ""),
                attempts=(self.request.retries or 0) + 1,
            )
        except Exception:  # a broken database must not hide the task's own error
            log.exception("could not record the failure of %s[%s]", self.name, task_id)


def _json_safe(value):
    return json.loads(json.dumps(value, default=str))


def record_failure(*, task_name, task_id, args, kwargs, exc, traceback="", attempts=1):
    """Create or update the dead letter for `task_name(*args, **kwargs)`."""
    fields = dict(task_name=task_name, task_id=task_id, args=args, kwargs=kwargs, exc=exc)
    try:
        return _record_failure(**fields, traceback=traceback, attempts=attempts)
    except IntegrityError:  # two workers recorded the same new failure at once: now it exists
        return _record_failure(**fields, traceback=traceback, attempts=attempts)


def _record_failure(*, task_name, task_id, args, kwargs, exc, traceback, attempts):
    from crossnote.core.models import FailedTask

    args, kwargs = _json_safe(list(args or ())), _json_safe(dict(kwargs or {}))
    signature = hashlib.sha256(
        json.dumps([task_name, args, kwargs], sort_keys=True).encode()
    ).hexdigest()
    now = timezone.now()
    message = f"{type(exc).__name__}: {exc}"[:2000]
    with transaction.atomic():
        row, created = FailedTask.objects.select_for_update().get_or_create(
            signature=signature,
            defaults={
                "task_name": task_name,
                "args": args,
                "kwargs": kwargs,
                "task_id": task_id,
                "exception": message,
                "traceback": traceback[-20000:],
                "attempts": attempts,
                "first_failed_at": now,
                "last_failed_at": now,
            },
        )
        if not created:
            row.task_id, row.exception, row.traceback = task_id, message, traceback[-20000:]
            row.attempts += attempts
            row.failures += 1
            row.last_failed_at = now
            row.save()
    log.error("task %s%s gave up after %d tries: %s", task_name, loggable(args), attempts, message)
    return row


def loggable(args) -> str:
    """A task's arguments as a log line may show them: ids, numbers and flags as they are, any
    text as its length only. Tasks take ids (STYLE.md), but some take an address or a name (an
    erasure's Delete to a remote inbox, say); logs are kept longer and read by more people than
    the dead-letter row, which keeps the arguments whole so `crossnote tasks retry` can resend."""

    def one(value) -> str:
        if value is None or isinstance(value, bool | int | float):
            return repr(value)
        if isinstance(value, str):
            return f"<text, {len(value)} chars>"
        if isinstance(value, list | tuple):
            return "[" + ", ".join(one(v) for v in value) + "]"
        return f"<{type(value).__name__}>"

    return "(" + ", ".join(one(v) for v in (args or ())) + ")"


def _celery_app():
    from crossnote.celery import app  # the project's Celery app: made once Django is set up

    return app


def task_named(name: str):
    """The registered task called `name`, or None. Outside a worker the apps' tasks modules are
    imported on first need (a worker imports them when it starts)."""
    app = _celery_app()
    if name not in app.tasks:
        app.loader.import_default_modules()
    return app.tasks.get(name)


def import_every_task() -> None:
    """Import every app's tasks module now, as a worker does when it starts."""
    _celery_app().loader.import_default_modules()


def retry_failed(failed) -> bool:
    """Queue a dead letter's task again with its arguments and remove the row; False (row kept)
    when no task has that name any more."""
    task = task_named(failed.task_name)
    if task is None:
        return False
    args, kwargs = list(failed.args), dict(failed.kwargs)
    failed.delete()
    enqueue(task, *args, **kwargs)
    return True


# --- running ---------------------------------------------------------------------------------


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def run_now(task, *args, **kwargs) -> bool:
    """Run a task in this thread with its retry policy; True when it succeeded. A failure is
    logged (and dead-lettered), never raised to the caller."""
    result = task.apply(args=args, kwargs=kwargs, throw=False)
    if result.failed():
        log.warning("task %s%s failed: %r", task.name, loggable(args), result.result)
        return False
    return True


def sleep_between_retries() -> None:
    """Mark this thread as a background one: in-process retries wait their backoff here."""
    _local.backoff = True


def _in_thread(task, args, kwargs) -> None:
    close_old_connections()
    sleep_between_retries()
    try:
        run_now(task, *args, **kwargs)
    except Exception:  # a background thread logs, it never takes the process down
        log.exception("task %s%s crashed", task.name, loggable(args))
    finally:
        # This thread ends now: its connections go with it (CONN_MAX_AGE keeps a request
        # thread's connection, which close_old_connections would leave open here).
        connections.close_all()


# With a broker, a queue nobody consumes (no `crossnote worker` running) must not go unnoticed:
# new notes would never be indexed, fanned out or screened by the slow layers. Each send marks
# the time unless a mark is already there; a worker starting any task clears it. So the mark's
# age is how long tasks have been sent with none picked up (/readyz, doctor, the status page).
UNPICKED_KEY = "crossnote:tasks:unpicked-since"


def _mark_sent() -> None:
    from django.core.cache import cache

    try:
        cache.add(UNPICKED_KEY, time.time(), timeout=None)
    except Exception:  # the cache being away must not fail the send
        log.warning("could not mark a sent task in the cache", exc_info=True)


def picked_up() -> None:
    from django.core.cache import cache

    try:
        cache.delete(UNPICKED_KEY)
    except Exception:
        log.warning("could not clear the unpicked-task mark", exc_info=True)


def unpicked_since() -> float | None:
    """When the oldest task sent since a worker last started one was sent (epoch seconds)."""
    from django.core.cache import cache

    return cache.get(UNPICKED_KEY)


def _send(task, args, kwargs) -> None:
    """Publish to the broker. The write that queued the task has committed: a broker that stays
    away (after Celery's publish retries) is logged and dead-lettered, never a failed request;
    `crossnote tasks retry` sends it again."""
    try:
        task.apply_async(args=args, kwargs=kwargs)
        _mark_sent()
    except Exception as exc:
        log.exception("could not send %s%s to the broker", task.name, loggable(args))
        record_failure(
            task_name=task.name, task_id="", args=args, kwargs=kwargs, exc=exc, attempts=0
        )


def dispatch(task, *args, **kwargs) -> None:
    """Start a task now (no waiting for a commit): inline (tests, CLI), on the broker, or on the
    embedded default in `crossnote serve`'s background process (a task marked
    `low_priority=True`, while that process runs: crossnote.core.spool) or else in a
    background thread of this process. A task a command line hands on (`spooled`) waits in the
    spool for that process."""
    if task.name in _spooled and not uses_broker() and _to_spool(task, args, kwargs):
        return
    if settings.CROSSNOTE_TASKS_INLINE or _inline_here:
        run_now(task, *args, **kwargs)
    elif uses_broker():
        _send(task, args, kwargs)
    elif not _to_background_process(task, args, kwargs):
        threading.Thread(target=_in_thread, args=(task, args, kwargs), daemon=True).start()


# In `crossnote serve`'s background process (crossnote.core.spool) what a task queues runs in
# the same thread once its transaction commits: the process is background work already, and a
# thread per queued task (a note's photo text, its federation) while it drains a backlog of
# hundreds of notes would run them all at once, each holding its decoded photos.
_inline_here = False


def run_queued_tasks_inline() -> None:
    """Called by the background process at start (see _inline_here)."""
    global _inline_here
    _inline_here = True


# Task names a command line hands to `crossnote serve`'s background process (see `spooled`).
_spooled: set[str] = set()


@contextmanager
def spooled(*handed_on):
    """While inside, the embedded default does not run these tasks: it writes them into the
    background process's spool (crossnote.core.spool), whose files wait, on disk, until
    `crossnote serve` starts that process and it drains them. For a command whose work may come
    later: `crossnote demo` hands on the text in its 655 photos (three quarters of its time,
    12-17 minutes before `make run` served a page). With a broker nothing changes (the tasks go
    to it, as every task does); a task the spool cannot take runs as it would have."""
    names = {task.name for task in handed_on} - _spooled
    _spooled.update(names)
    try:
        yield
    finally:
        _spooled.difference_update(names)


def _to_spool(task, args, kwargs) -> bool:
    """Write the task into the spool; False (run it here) when the spool cannot take it (a full
    disk, arguments JSON cannot hold)."""
    from crossnote.core import spool

    try:
        spool.spool_dir().mkdir(parents=True, exist_ok=True)
        spool.put(task, args, kwargs)
    except (OSError, TypeError, ValueError):
        log.warning("could not spool %s%s; running it here", task.name, loggable(args))
        return False
    return True


def _to_background_process(task, args, kwargs) -> bool:
    """Queue a low-priority task in the background process's spool; False (run it here) when
    none runs or the spool cannot take it (a full disk, arguments JSON cannot hold)."""
    from crossnote.core import spool

    return spool.wants(task) and _to_spool(task, args, kwargs)


class _AfterCommit:
    """A task waiting for its transaction to commit. The same task with the same arguments
    waiting for the same commit is queued once: a new note announces itself and its topics,
    and both ask for it to be indexed."""

    def __init__(self, task, args: tuple, kwargs: dict):
        self.task, self.args, self.kwargs = task, args, kwargs
        self.key = (task.name, args, sorted(kwargs.items()))
        self.ran = False
        self.together: _SentTogether | None = None

    def __call__(self) -> None:
        self.ran = True
        if self.together is not None and self.together.gathering:
            self.together.waiting.append(self)
        else:
            dispatch(self.task, *self.args, **self.kwargs)


class _SentTogether:
    """The tasks one commit queued while a broker is configured, sent as one message once the
    commit's other callbacks have run (issue 19: a post queued three, and each publish cost the
    request about 0.8 ms of CPU in Celery and kombu). It is kept last among the transaction's
    callbacks and outside every savepoint: a task queued in a savepoint that rolls back is
    dropped by Django before it could join, and one queued after another callback still joins."""

    def __init__(self):
        self.waiting: list[_AfterCommit] = []
        self.gathering = True

    def __call__(self) -> None:
        self.gathering = False
        to_broker, self.waiting = self.waiting, []
        if not _goes_to_broker():  # the settings changed since they were queued: as dispatch says
            for queued in to_broker:
                dispatch(queued.task, *queued.args, **queued.kwargs)
            return
        if len(to_broker) == 1:
            _send(to_broker[0].task, to_broker[0].args, to_broker[0].kwargs)
        elif to_broker:
            tasks = [[queued.task.name, list(queued.args), queued.kwargs] for queued in to_broker]
            _send(run_together, (tasks,), {})


def _goes_to_broker() -> bool:
    """What dispatch would do with a task now is to send it to the broker."""
    return uses_broker() and not (settings.CROSSNOTE_TASKS_INLINE or _inline_here)


def _send_together(connection, waiting: _AfterCommit) -> None:
    """Let `waiting` join its commit's one message, whose sender moves to the end of the
    transaction's callbacks (Django runs them in order and drops a rolled-back savepoint's)."""
    together = None
    for index, entry in enumerate(connection.run_on_commit):
        if isinstance(entry[1], _SentTogether):
            together = connection.run_on_commit.pop(index)
            break
    if together is None:
        together = (set(), _SentTogether(), False)
    connection.run_on_commit.append(together)
    waiting.together = together[1]


@shared_task(name="core.run_together", autoretry_for=(), max_retries=0)
def run_together(tasks: list) -> None:
    """Several tasks one commit queued, delivered as one message (_SentTogether). Each runs here
    as a message of its own would: under an id of its own (this message's id and its place: the
    same when the message is delivered again after its worker died, so `retake` knows it), with
    its own policy (a failure it may retry sends it again as its own message, with its own
    backoff; a last failure leaves its own dead letter) and its own task signals (metrics).
    One task failing does not stop the others."""
    parent = run_together.request
    for index, (name, args, kwargs) in enumerate(tasks):
        task = task_named(name)
        task_id = f"{parent.id or 'together'}-{index}"
        if task is None:  # renamed or removed since the message was sent
            record_failure(
                task_name=name,
                task_id=task_id,
                args=args,
                kwargs=kwargs,
                exc=PermanentFailure("no task has this name any more"),
            )
            continue
        task.push_request(
            id=task_id,
            task=name,
            args=args,
            kwargs=kwargs,
            retries=0,
            is_eager=False,
            called_directly=False,
            delivery_info=parent.delivery_info,
            hostname=parent.hostname,
            headers=parent.headers,
        )
        try:
            result = task.run(*args, **kwargs)
        except Retry as exc:  # it sent itself again (its autoretry or its own retry())
            signals.task_retry.send(sender=task, request=task.request, reason=exc, einfo=None)
        except Exception as exc:  # not to be retried (PermanentFailure), or out of retries
            einfo = ExceptionInfo()
            signals.task_failure.send(
                sender=task,
                task_id=task_id,
                exception=exc,
                args=args,
                kwargs=kwargs,
                traceback=einfo.tb,
                einfo=einfo,
            )
            task.on_failure(exc, task_id, args, kwargs, einfo)
        else:
            signals.task_success.send(sender=task, result=result)
        finally:
            task.pop_request()


def enqueue(task, *args, **kwargs) -> None:
    """Start `task(*args, **kwargs)` after the current transaction commits (at once outside one);
    a rolled-back write queues nothing, and an identical task already waiting is not repeated.
    With a broker, the tasks one commit queues reach it as one message (_SentTogether)."""
    waiting = _AfterCommit(task, args, kwargs)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(queued, _AfterCommit) and not queued.ran and queued.key == waiting.key
        for _savepoints, queued, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(waiting)
    if connection.in_atomic_block and _goes_to_broker():
        _send_together(connection, waiting)


# --- idempotency -----------------------------------------------------------------------------


def _task_id(task) -> str:
    return (getattr(task.request, "id", None) or "") if task is not None else ""


def take_over(key: str, task) -> None:
    """Record that this run of `task` holds `key` (after it won the row's status flip)."""
    from crossnote.core.models import TaskClaim

    task_id = _task_id(task)
    if task_id:
        TaskClaim.objects.update_or_create(
            key=key,
            defaults={"task_id": task_id, "claimed_at": timezone.now(), "finished_at": None},
        )


def retake(key: str, task) -> bool:
    """True when `key` is held, unfinished, by this very task id: the message was delivered
    again because the worker running it died (acks late), so this run may take the work up."""
    from crossnote.core.models import TaskClaim

    task_id = _task_id(task)
    return (
        bool(task_id)
        and TaskClaim.objects.filter(key=key, task_id=task_id, finished_at__isnull=True).exists()
    )


def release(key: str) -> None:
    """Forget a claim (the work is done and its row says so, or it failed and may be retried)."""
    from crossnote.core.models import TaskClaim

    TaskClaim.objects.filter(key=key).delete()


def mark_done(key: str, task=None) -> bool:
    """Record `key` as done, inside the transaction that makes the task's effect; False (and
    nothing recorded) when it was done before, so the caller skips the effect. The unique key
    makes a second delivery of the same job a no-op."""
    from crossnote.core.models import TaskClaim

    now = timezone.now()
    try:
        with transaction.atomic():
            TaskClaim.objects.create(
                key=key, task_id=_task_id(task), claimed_at=now, finished_at=now
            )
    except IntegrityError:
        return False
    return True


def is_done(key: str) -> bool:
    from crossnote.core.models import TaskClaim

    return TaskClaim.objects.filter(key=key, finished_at__isnull=False).exists()


@shared_task
def purge_task_claims(days: int = 30) -> int:
    """A periodic job: forget done-markers and abandoned claims older than `days`."""
    from crossnote.core.models import TaskClaim

    deleted, _rows = TaskClaim.objects.filter(
        claimed_at__lt=timezone.now() - timedelta(days=days)
    ).delete()
    return deleted


# SQLite reads this many rows of each index (an approximate count, ~5 ms on the 1M-note world;
# an unlimited ANALYZE there holds the write lock 1.4 s).
ANALYSIS_LIMIT = 1000


@shared_task
def refresh_planner_statistics() -> str:
    """A periodic job: SQLite's query planner statistics (ANALYZE), so it knows which index
    narrows a question most. Without them it guesses by the number of equal columns, and picked
    a popular author's whole notifications index for each like of theirs (bench/README "Likes:
    told already?"). PostgreSQL keeps its own (autovacuum analyses): nothing to do there."""
    if connection.vendor != "sqlite":
        return f"{connection.vendor}: its own statistics (autovacuum)"
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM sqlite_stat1")
        indexes = cursor.fetchone()[0]
    return f"sqlite: planner statistics refreshed ({indexes} tables and indexes)"


def for_command_line() -> None:
    """A command-line process exits when its work is done, and daemon threads die with it: without
    a broker, the tasks a command queues run inline so they finish first."""
    if not uses_broker():
        settings.CROSSNOTE_TASKS_INLINE = True
