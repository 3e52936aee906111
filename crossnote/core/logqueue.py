"""A log handler that never makes a request thread wait for the stream.

`logging.StreamHandler` writes under a lock: with 8 request threads per worker each writing the
access log line (crossnote.ops.middleware.RequestMiddleware), the threads queued on that lock
(36% of `/bench/hello`'s busy samples in bench/profile.py, 2026-12-05). `QueuedStreamHandler`
puts the record on a lock-free queue and one thread of the process formats and writes it, so the
line, its format and its request id (set on the record when it is made, in the request's thread)
are unchanged; only the write moves off the request's path.

Worker processes forked after the handler was made get a writer thread of their own on first
use, and the queue is drained at exit (`atexit`), so no line is lost when a process ends
normally.
"""

import atexit
import logging
import logging.handlers
import os
import queue
import sys
import threading


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is when the line is written, as logging's last resort
    does: the writer thread writes after the request, and a stderr swapped and closed meanwhile
    (a test runner capturing output) must not leave it holding a closed stream."""

    def __init__(self):
        logging.Handler.__init__(self)

    @property
    def stream(self):
        return sys.stderr


class QueuedStreamHandler(logging.handlers.QueueHandler):
    """dictConfig: `{"class": "crossnote.core.logqueue.QueuedStreamHandler", "formatter": ...}`
    (optionally `"stream": "ext://sys.stdout"`; the default is stderr, like StreamHandler)."""

    def __init__(self, stream=None):
        super().__init__(queue.SimpleQueue())
        self.target = logging.StreamHandler(stream) if stream is not None else _CurrentStderr()
        self._pid = None
        self._listener = None
        self._starting = threading.Lock()
        atexit.register(self.flush_queue)

    # The formatter (and level filters) of the configuration belong to the writing handler.
    def setFormatter(self, fmt):  # noqa: N802 - logging's API
        super().setFormatter(fmt)
        self.target.setFormatter(fmt)

    def _ensure_listener(self) -> None:
        if self._pid == os.getpid():
            return
        with self._starting:
            if self._pid == os.getpid():
                return
            # After a fork the parent's writer thread does not exist here: a new queue and a
            # new thread (records the parent had queued stay the parent's to write).
            self.queue = queue.SimpleQueue()
            self._listener = logging.handlers.QueueListener(
                self.queue, self.target, respect_handler_level=False
            )
            self._listener.start()
            self._pid = os.getpid()

    def prepare(self, record):
        """Cheaper than QueueHandler.prepare (which formats the whole line here): only merge the
        arguments into the message, so a mutable argument changed later cannot change the
        line; exception text and the rest are formatted by the writer."""
        if record.args:
            record.msg = record.getMessage()
            record.args = None
        return record

    def emit(self, record):
        try:
            self._ensure_listener()
            self.enqueue(self.prepare(record))
        except Exception:  # noqa: BLE001 - logging's contract: report, never raise
            self.handleError(record)

    def flush_queue(self) -> None:
        """Write every queued record now (at exit; tests that read the stream)."""
        listener = self._listener
        if listener is None or self._pid != os.getpid():
            return
        listener.stop()  # puts the sentinel, waits for the thread to write everything
        self._pid = None
        self._listener = None
        self.flush()

    def flush(self):
        try:
            self.target.flush()
        except (OSError, ValueError):  # the stream was closed first (end of a test run)
            pass

    def close(self):
        self.flush_queue()
        super().close()
