"""The queued log handler (crossnote.core.logqueue): request threads never write the stream
themselves, yet every line arrives, in the configured format, with its request id."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import logging, os, sys, threading, time
    import django
    django.setup()
    from django.conf import settings
    from crossnote.ops.logs import new_request_id, request_id_var

    handler = logging.getLogger().handlers[0]
    print(type(handler).__name__, flush=True)
    log = logging.getLogger("crossnote.request")
    stream_lock = handler.target.lock if hasattr(handler, "target") else handler.lock

    def serve(n):
        for i in range(50):
            request_id_var.set(f"t{n}-{i}-" + new_request_id()[:6])
            log.info("GET /thread/%d/%d %s", n, i, 200)

    # While the stream's lock is held (a slow terminal or pipe), request threads go on.
    stream_lock.acquire()
    threads = [threading.Thread(target=serve, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 5
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    print("threads done while the stream was locked:", not any(t.is_alive() for t in threads), flush=True)
    stream_lock.release()
    if os.environ.get("FORK") == "1":
        pid = os.fork()
        if pid == 0:
            request_id_var.set("child-1")
            log.info("from the forked worker %s", os.getpid())
            sys.exit(0)
        os.waitpid(pid, 0)
    """
)


def run(env_extra: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "crossnote.settings",
        "CROSSNOTE_DATA_DIR": str(tmp_path),
        "CROSSNOTE_SCHEDULER": "0",
        "LOG_LEVEL": "INFO",
        "LOG_FORMAT": "text",
        **env_extra,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_request_threads_do_not_wait_for_the_stream_and_no_line_is_lost(tmp_path):
    done = run({"LOG_QUEUE": "1", "FORK": "1"}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "QueuedStreamHandler"
    assert "threads done while the stream was locked: True" in done.stdout
    lines = [line for line in done.stderr.splitlines() if " crossnote.request " in line]
    thread_lines = [line for line in lines if "GET /thread/" in line]
    assert len(thread_lines) == 400
    # The text format and the request id of the thread that logged it.
    for line in thread_lines:
        tag, message = line.split(" crossnote.request ", 1)[1].split("] ", 1)
        n, i = message.split()[1].split("/")[2:4]
        assert tag.startswith(f"[t{n}-{i}-")
        assert message.endswith(" 200")
    assert " INFO " in thread_lines[0]
    # A forked worker writes through a writer thread of its own, and flushes at exit.
    assert any("[child-1] from the forked worker" in line for line in lines)


def test_without_the_queue_threads_wait_on_the_stream(tmp_path):
    """The control: with LOG_QUEUE=0 (a plain StreamHandler) the same threads block while the
    stream is locked, which is what the queue removes from the request's path."""
    done = run({"LOG_QUEUE": "0"}, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "StreamHandler"
    assert "threads done while the stream was locked: False" in done.stdout
    assert len([line for line in done.stderr.splitlines() if "GET /thread/" in line]) == 400


class _CountingStream:
    def __init__(self):
        self.writes: list[str] = []

    def write(self, text):
        self.writes.append(text)

    def flush(self):
        pass


def test_lines_are_gathered_and_written_together_and_a_warning_goes_at_once():
    """No thread is woken per line (that cost a like request 0.26 ms of CPU in process): INFO
    lines gather and reach the stream in one write; a warning wakes the writer."""
    import logging
    import time

    from crossnote.core.logqueue import WRITE_INTERVAL, QueuedStreamHandler

    stream = _CountingStream()
    handler = QueuedStreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log = logging.getLogger("crossnote.test.logqueue")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    try:
        for n in range(100):
            log.info("line %d", n)
        handler.flush_queue()
        assert len(stream.writes) <= 2  # one, or two if the writer's interval fell in between
        lines = "".join(stream.writes).splitlines()
        assert lines == [f"INFO line {n}" for n in range(100)]

        stream.writes.clear()
        log.warning("something is wrong")
        assert handler._wake.is_set() or stream.writes  # the writer is woken, not left to wait
        deadline = time.monotonic() + 10 * WRITE_INTERVAL
        while not stream.writes and time.monotonic() < deadline:
            time.sleep(0.001)
        assert stream.writes == ["WARNING something is wrong\n"]
    finally:
        log.removeHandler(handler)
        handler.close()
