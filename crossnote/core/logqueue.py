"""A log handler that never makes a request thread wait for the stream, or wake a thread.

`logging.StreamHandler` writes under a lock: with 8 request threads per worker each writing the
access log line (crossnote.ops.middleware.RequestMiddleware), the threads queued on that lock
(36% of `/bench/hello`'s busy samples in bench/profile.py, 2026-12-05). A queue with a listener
thread (logging's QueueHandler) took the write off the request's path but woke the listener for
every line: the put signals it, and the woken thread takes the GIL from the request threads to
format and write one line; in process that cost a like request 0.26 ms of its own CPU (0.62 →
0.88 ms, bench/explore_request.py with and without the access log, 2026-12-06).

`QueuedStreamHandler` appends the record to a deque (no lock, no signal) and one thread of the
process wakes every WRITE_INTERVAL seconds, formats what has gathered and writes it in one call;
a WARNING or worse, or WRITE_BATCH lines waiting, wakes it at once. The lines, their format and
their request id (set on the record when it is made, in the request's thread) are unchanged; only
the write moves off the request's path, and lines reach the stream up to WRITE_INTERVAL later.

Worker processes forked after the handler was made get a writer thread of their own on first
use, and what is waiting is written at exit (`atexit`), so no line is lost when a process ends
normally.
"""

import atexit
import collections
import logging
import os
import sys
import threading

# How long an INFO line may wait before it is written, and how many may gather before the writer
# is woken early.
WRITE_INTERVAL = 0.1
WRITE_BATCH = 256


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when the line is written, as logging's last resort
    does: the writer thread writes after the request, and a stderr swapped and closed meanwhile
    (a test runner capturing output) must not leave it holding a closed stream."""

    def __init__(self):
        logging.Handler.__init__(self)

    @property
    def stream(self):
        return sys.stderr


class QueuedStreamHandler(logging.Handler):
    """dictConfig: `{"class": "crossnote.core.logqueue.QueuedStreamHandler", "formatter": ...}`
    (optionally `"stream": "ext://sys.stdout"`; the default is stderr, like StreamHandler)."""

    def __init__(self, stream=None):
        super().__init__()
        self.target = logging.StreamHandler(stream) if stream is not None else _CurrentStderr()
        self.pending: collections.deque = collections.deque()
        self._wake = threading.Event()
        self._stopping = False
        self._writer: threading.Thread | None = None
        self._pid: int | None = None
        self._starting = threading.Lock()
        atexit.register(self.flush_queue)

    # The formatter (and level filters) of the configuration belong to the writing handler.
    def setFormatter(self, fmt):  # noqa: N802 - logging's API
        super().setFormatter(fmt)
        self.target.setFormatter(fmt)

    def _ensure_writer(self) -> None:
        if self._pid == os.getpid():
            return
        with self._starting:
            if self._pid == os.getpid():
                return
            # After a fork the parent's writer thread does not exist here: a new deque and a new
            # thread (records the parent had gathered stay the parent's to write).
            self.pending = collections.deque()
            self._wake = threading.Event()
            self._stopping = False
            self._writer = threading.Thread(
                target=self._run, name="crossnote-log-writer", daemon=True
            )
            self._writer.start()
            self._pid = os.getpid()

    def prepare(self, record):
        """Only merge the arguments into the message (QueueHandler.prepare formats the whole line
        in the caller's thread), so a mutable argument changed later cannot change the line;
        exception text and the rest are formatted by the writer."""
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        return record

    def handle(self, record):
        """logging.Handler.handle without the handler's lock around emit: appending to a deque
        needs none, and eight request threads would queue on it."""
        accepted = self.filter(record)
        if accepted:
            self.emit(record)
        return accepted

    def emit(self, record):
        try:
            self._ensure_writer()
            self.pending.append(self.prepare(record))
            if record.levelno >= logging.WARNING or len(self.pending) >= WRITE_BATCH:
                self._wake.set()
        except Exception:  # noqa: BLE001 - logging's contract: report, never raise
            self.handleError(record)

    def _run(self) -> None:
        wake = self._wake
        while True:
            wake.wait(WRITE_INTERVAL)
            wake.clear()
            stopping = self._stopping
            self.write_pending()
            if stopping:
                return

    def write_pending(self) -> None:
        """Format every gathered record and write them in one call, under the stream's lock."""
        pending, target = self.pending, self.target
        lines, last = [], None
        while pending:
            last = pending.popleft()
            try:
                lines.append(target.format(last) + target.terminator)
            except Exception:  # noqa: BLE001 - one bad record does not stop the others
                target.handleError(last)
        if not lines:
            return
        with target.lock:
            try:
                target.stream.write("".join(lines))
                target.flush()
            except Exception:  # noqa: BLE001 - logging's contract: report, never raise
                target.handleError(last)

    def flush_queue(self) -> None:
        """Write every gathered record now (at exit; tests that read the stream)."""
        writer = self._writer
        if writer is None or self._pid != os.getpid():
            return
        self._stopping = True
        self._wake.set()
        writer.join(timeout=5)
        self._pid = None
        self._writer = None
        self.write_pending()  # anything appended after the writer's last pass
        self.flush()

    def flush(self):
        try:
            self.target.flush()
        except (OSError, ValueError):  # the stream was closed first (end of a test run)
            pass

    def close(self):
        self.flush_queue()
        super().close()
