"""The embedded default's background process: low-priority tasks (a note's photo variants and
hashes, its search indexing) run in one process of their own at a lower CPU priority, instead
of in threads of the web processes (issue 19: posting answers fast).

Why: without a broker a queued task ran in a thread of the web process that queued it, so a
burst of posted notes (about 110 ms of background CPU each against 11-17 ms for the request)
took the two cores and the GIL from the requests themselves. `crossnote serve` now starts this
process beside the web workers (`python -m crossnote.core.spool`, at `NICE`): the kernel gives
the requests the CPU first, and the background work waits out a burst and catches up after it.
Readers see a note once its variants exist (`Note.media_ready`), as before; the author at once.

The queue is a folder of files (`DATA_DIR/spool/`), one JSON file per task (task name, args,
kwargs), written whole then renamed into place, and removed once the task has run (succeeded,
or failed past its retries into a dead letter: crossnote.core.tasks.run_now). A process killed
mid-task leaves its file, and the next background process runs it again: tasks are idempotent
(crossnote.core.tasks). So a task queued here survives a crash of every process, which a thread
never did. The background process holds an exclusive `flock` on `DATA_DIR/spool/.lock` while it
runs; a web process queues here only while the lock is held (the kernel drops it the moment the
holder dies), and otherwise runs the task in a thread as before. Only tasks marked
`@shared_task(low_priority=True)` come here; the rest (explore pools, which fill the web
process's own memo, federation deliveries) keep their threads.

The periodic jobs (crossnote.core.scheduler) run here too while this process lives, and wait
while the queue has work (the media sweep would otherwise redo notes still queued). What a task
queues in turn here (the text in a note's photos, its federation) runs in the same thread after
its commit (crossnote.core.tasks.run_queued_tasks_inline), not in a thread of its own each.
"""

import argparse
import fcntl
import json
import logging
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

NICE = 10  # added to the process's niceness: requests first, background work when there is room
THREADS = 2  # tasks at once (Pillow's encoders release the GIL: both cores once the burst ends)
POLL_SECONDS = 0.2  # how often an idle process looks for new files
LOCK_NAME = ".lock"


def spool_dir() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / "spool"


# --- the web process's side -----------------------------------------------------------------

_probe: dict[str, int] = {}  # spool folder -> this process's descriptor of its lock file


def running() -> bool:
    """True while a background process holds the spool's lock (two system calls: the lock
    is tried shared and let go; it fails only while the background process holds it)."""
    folder = str(spool_dir())
    fd = _probe.get(folder)
    if fd is None:
        try:
            fd = os.open(os.path.join(folder, LOCK_NAME), os.O_RDONLY | os.O_CLOEXEC)
        except OSError:  # no folder yet: no background process has ever run here
            return False
        _probe[folder] = fd
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False


def wants(task) -> bool:
    """Does `task` go to the background process (marked low priority, and one is running)?"""
    return bool(getattr(task, "low_priority", False)) and running()


def put(task, args, kwargs) -> Path:
    """Queue `task(*args, **kwargs)` for the background process: a file written whole under a
    temporary name, then renamed (a reader never sees half a file). Names sort by time."""
    folder = spool_dir()
    body = json.dumps({"task": task.name, "args": list(args), "kwargs": dict(kwargs)})
    stem = f"{time.time_ns():020d}-{secrets.token_hex(4)}"
    temporary = folder / f".{stem}.tmp"
    temporary.write_text(body)
    final = folder / f"{stem}.json"
    os.rename(temporary, final)
    return final


# --- the background process -----------------------------------------------------------------


def waiting(folder: Path) -> list[Path]:
    """The queued files, oldest first (names start with the time they were queued)."""
    return sorted(p for p in folder.glob("*.json"))


def run_file(path: Path) -> None:
    """Run one queued task with its retry policy, then forget its file (a failure past the
    retries is a dead letter by then). A file that is not a task is set aside, not retried."""
    from crossnote.core.tasks import record_failure, run_now, task_named

    try:
        job = json.loads(path.read_text())
        name, args, kwargs = job["task"], list(job["args"]), dict(job["kwargs"])
    except FileNotFoundError:
        return
    except (ValueError, KeyError, TypeError):
        log.error("spool: %s is not a task; moved aside", path.name)
        os.replace(path, path.with_suffix(".bad"))
        return
    task = task_named(name)
    if task is None:
        record_failure(
            task_name=name,
            task_id="",
            args=args,
            kwargs=kwargs,
            exc=LookupError(f"no task {name!r}"),
            attempts=0,
        )
    else:
        run_now(task, *args, **kwargs)
    path.unlink(missing_ok=True)


class Drainer:
    """Runs the spool's files, `threads` at a time, oldest first, until stopped."""

    def __init__(self, folder: Path, threads: int = THREADS):
        self.folder = folder
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="crossnote-spool")
        self.threads = threads
        self.busy: set[Path] = set()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.freed = threading.Event()  # a task finished: room for the next file

    def _run(self, path: Path) -> None:
        from django.db import close_old_connections

        from crossnote.core.tasks import sleep_between_retries

        sleep_between_retries()
        close_old_connections()
        try:
            run_file(path)
        except Exception:  # a broken task or database must not stop the drain
            log.exception("spool: %s failed", path.name)
        finally:
            close_old_connections()
            with self.lock:
                self.busy.discard(path)
            self.freed.set()

    def idle(self) -> bool:
        """Nothing running and nothing waiting."""
        with self.lock:
            if self.busy:
                return False
        return not waiting(self.folder)

    def pass_once(self) -> int:
        """Start what is waiting, up to twice the threads in flight; how many were started."""
        started = 0
        for path in waiting(self.folder):
            with self.lock:
                if path in self.busy:
                    continue
                if len(self.busy) >= 2 * self.threads:
                    break
                self.busy.add(path)
            self.pool.submit(self._run, path)
            started += 1
        return started

    def loop(self, alive=lambda: True) -> None:
        while not self.stop.is_set() and alive():
            self.freed.clear()
            if not self.pass_once():
                self.freed.wait(POLL_SECONDS)
        self.pool.shutdown(wait=True)


def _periodic_jobs(drainer: Drainer) -> None:
    """The scheduler's loop, here instead of in the web processes, skipping ticks while the
    queue has work (the media sweep would redo notes whose files are still waiting)."""
    from django.db import close_old_connections

    from crossnote.core import scheduler
    from crossnote.core.tasks import sleep_between_retries

    sleep_between_retries()
    while not drainer.stop.is_set():
        if drainer.idle() and scheduler.wanted():
            close_old_connections()
            try:
                scheduler.run_due()
            except Exception:
                log.exception("periodic jobs: tick failed")
            finally:
                close_old_connections()
            drainer.stop.wait(scheduler.TICK)
        else:
            drainer.stop.wait(1)


def hold_lock(folder: Path) -> int:
    """Take the spool's lock, waiting while another background process holds it (a second
    `crossnote serve` on the same data folder: one drains, the other takes over if it dies)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _end_with_parent() -> None:
    """Linux: the kernel sends this process SIGTERM when the server's main process ends, even
    while it is still starting (the parent-pid check in the loop covers other systems)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Crossnote's background process (crossnote serve)")
    parser.add_argument("--parent", type=int, default=0, help="exit when this process is gone")
    parser.add_argument("--nice", type=int, default=NICE)
    parser.add_argument("--threads", type=int, default=THREADS)
    args = parser.parse_args(argv)
    if args.parent:
        _end_with_parent()
        if os.getppid() != args.parent:
            return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    # The lock first (settings only, no app loaded): from here the web processes queue their
    # tasks in the spool, however long the start takes (Django and every app's tasks: seconds
    # of CPU, minutes at low priority on a busy machine; taken after them, the web processes
    # ran the tasks in threads all that while). The start runs niced too: it is no reason to
    # slow the web workers' own start or their first requests.
    folder = spool_dir()
    lock = hold_lock(folder)
    if args.nice:
        os.nice(args.nice)  # before any thread starts: each inherits it
    import django

    django.setup()
    from crossnote.core.tasks import import_every_task, run_queued_tasks_inline

    import_every_task()  # every app's tasks, once, before the first file
    run_queued_tasks_inline()
    log.info("background process %s draining %s (nice +%d)", os.getpid(), folder, args.nice)
    drainer = Drainer(folder, args.threads)
    threading.Thread(
        target=_periodic_jobs, args=(drainer,), name="crossnote-scheduler", daemon=True
    ).start()

    def parent_alive() -> bool:
        return not args.parent or os.getppid() == args.parent

    try:
        drainer.loop(parent_alive)
    finally:
        os.close(lock)


if __name__ == "__main__":
    main()
