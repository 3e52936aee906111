"""One port, two interfaces: granian's RSGI hands each HTTP request to Django's WSGI handler in a
thread pool and each WebSocket to the Channels (ASGI) application, in the same worker process.

Why not Django under ASGI: its handler costs every request a trip through asgiref's thread hops
and ASGI message objects; on the 2-core machine it served a bare view 4.5-6.5 times fewer
requests per second than this bridge (bench/README.md "Serving"). Why not plain granian WSGI: it
has no WebSockets. Here the event loop only reads request bodies and carries WebSocket frames;
Django runs as WSGI in `threads` threads, and the thread that ran it hands the answer to granian
itself (its protocol objects take it from any thread), so a response never waits for the loop.

Threads of the pool are marked as asgiref's "sync thread of this loop", so `async_to_sync` called
by a request (a push over the channel layer, crossnote.messaging.realtime) runs its coroutine on
the worker's event loop, where the sockets and the channel layer's queues live: the same path a
request took under Django's ASGI handler.
"""

import asyncio
import collections
import io
import os
import queue
import sys
import tempfile
import threading

from asgiref.sync import SyncToAsync

# A request body up to this size is read in one piece; a larger one (photo and video uploads) is
# spooled, and past SPOOL_MAX_MEMORY it goes to a temporary file (Django's ASGI handler does too).
BODY_IN_ONE_READ = 256 * 1024
SPOOL_MAX_MEMORY = 2_621_440
# A response body up to this size leaves in one piece; a longer one (a file, an export) streams
# in chunks of this size, each read in a pool thread.
CHUNK = 256 * 1024


class FileWrapper:
    """wsgi.file_wrapper: Django streams FileResponse through it (PEP 3333); larger blocks than
    FileResponse's 4 KiB mean fewer hops between the pool and the event loop."""

    def __init__(self, filelike, block_size=CHUNK):
        self.filelike = filelike
        self.block_size = max(block_size, CHUNK)

    def __iter__(self):
        read = self.filelike.read
        while chunk := read(self.block_size):
            yield chunk

    def close(self):
        self.filelike.close()


class ThreadPool:
    """Threads that run Django for the event loop: `await pool.run(fn, arg)`.

    Leaner than loop.run_in_executor (one asyncio future, no concurrent.futures.Future chained
    to it), and a burst of answers finished together wakes the loop once, not once each. The
    threads are asgiref's "sync threads of this loop" (see the module's docstring)."""

    def __init__(self, loop, threads: int):
        self.loop = loop
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.done: collections.deque = collections.deque()
        self.wake_pending = False
        self.threads = [
            threading.Thread(target=self.work, name=f"crossnote-http-{n}", daemon=True)
            for n in range(threads)
        ]
        for thread in self.threads:
            thread.start()

    async def run(self, function, argument):
        future = self.loop.create_future()
        self.jobs.put((future, function, argument))
        return await future

    def work(self):
        SyncToAsync.threadlocal.main_event_loop = self.loop
        SyncToAsync.threadlocal.main_event_loop_pid = os.getpid()
        while (job := self.jobs.get()) is not None:
            future, function, argument = job
            try:
                self.done.append((future, True, function(argument)))
            except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
                self.done.append((future, False, exc))
            # The deque is appended to before the flag is read, and the loop clears the flag
            # before it empties the deque: every answer is seen by a wake-up.
            if not self.wake_pending:
                self.wake_pending = True
                self.loop.call_soon_threadsafe(self.deliver)

    def deliver(self):
        self.wake_pending = False
        done = self.done
        while done:
            future, ok, value = done.popleft()
            if future.cancelled():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    def shutdown(self):
        for _thread in self.threads:
            self.jobs.put(None)


class _StartResponse:
    __slots__ = ("headers", "status")

    def __call__(self, status, headers, exc_info=None):
        self.status = int(status[:3])
        self.headers = headers


def _split_address(address: str) -> tuple[str, int]:
    """'127.0.0.1:8000' or '[::1]:8000' -> (host, port)."""
    host, _, port = address.rpartition(":")
    return host.strip("[]"), int(port or 0)


def _wsgi_string(text: str) -> str:
    """PEP 3333: PATH_INFO carries the URL's bytes as latin-1 characters."""
    return text.encode("utf-8").decode("latin-1") if not text.isascii() else text


class Bridge:
    """The RSGI application: `http` -> WSGI in threads, `ws` -> ASGI on the loop."""

    def __init__(self, wsgi_application, websocket_application=None, *, threads: int = 8):
        self.wsgi_application = wsgi_application
        self.websocket_application = websocket_application
        self.threads = threads
        self.loop = None
        self.pool = None

    # RSGI life cycle: once per worker process, with its event loop.
    def __rsgi_init__(self, loop):
        self.loop = loop
        self.pool = ThreadPool(loop, self.threads)

    def __rsgi_del__(self, loop):
        if self.pool is not None:
            self.pool.shutdown()

    async def __rsgi__(self, scope, protocol):
        if scope.proto == "http":
            await self.http(scope, protocol)
        elif scope.proto == "ws":
            await self.websocket(scope, protocol)

    # HTTP
    async def http(self, scope, protocol):
        if self.pool is None:  # served without __rsgi_init__ (a test): start here
            self.__rsgi_init__(asyncio.get_running_loop())
        body = await self.body(scope, protocol)
        rest = await self.pool.run(self.respond, (scope, protocol, body))
        if rest is not None:
            await self.stream(protocol, *rest)

    def respond(self, job):
        """In a pool thread: run Django and answer from here (granian's protocol takes the
        answer from any thread), so the client does not wait for the event loop to wake up
        again. A body longer than CHUNK is handed back to the loop to stream."""
        scope, protocol, body = job
        environ = self.environ(scope)
        environ["wsgi.input"] = body
        status, headers, content, rest = self.call(environ)
        if rest is None:
            protocol.response_bytes(status, headers, content)
            return None
        return status, headers, content, rest

    def environ(self, scope) -> dict:
        """The WSGI environ of an RSGI HTTP scope (granian gives the path already decoded)."""
        host, port = _split_address(scope.server)
        client, client_port = _split_address(scope.client)
        environ = {
            "REQUEST_METHOD": scope.method,
            "SCRIPT_NAME": "",
            "PATH_INFO": _wsgi_string(scope.path),
            "QUERY_STRING": scope.query_string,
            "SERVER_NAME": host,
            "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": f"HTTP/{scope.http_version}",
            "REMOTE_ADDR": client,
            "REMOTE_PORT": str(client_port),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": scope.scheme,
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
            "wsgi.input_terminated": True,
            "wsgi.file_wrapper": FileWrapper,
        }
        for name, value in scope.headers.items():
            if name == "content-type":
                environ["CONTENT_TYPE"] = value
                continue
            if name == "content-length":
                environ["CONTENT_LENGTH"] = value
                continue
            key = "HTTP_" + name.upper().replace("-", "_")
            if key in environ:  # a repeated header: one value, comma-separated (cookies: "; ")
                environ[key] += ("; " if key == "HTTP_COOKIE" else ",") + value
            else:
                environ[key] = value
        return environ

    @staticmethod
    async def body(scope, protocol):
        """wsgi.input: the request body, read on the event loop before Django runs."""
        length = scope.headers.get("content-length", "")
        chunked = "chunked" in scope.headers.get("transfer-encoding", "")
        if not chunked and length in ("", "0"):
            return io.BytesIO()
        if not chunked and length.isdigit() and int(length) <= BODY_IN_ONE_READ:
            return io.BytesIO(await protocol())
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_MEMORY)  # noqa: SIM115 - Django closes the request
        async for chunk in protocol:
            spool.write(chunk)
        spool.seek(0)
        return spool

    def call(self, environ):
        """Run Django (in a pool thread): status, headers, and the body whole when it is at most
        CHUNK long; else its first chunk and the iterator for the rest."""
        start = _StartResponse()
        result = self.wsgi_application(environ, start)
        chunks, size = [], 0
        iterator = iter(result)
        try:
            for chunk in iterator:
                chunks.append(chunk)
                size += len(chunk)
                if size > CHUNK:
                    return start.status, start.headers, b"".join(chunks), (result, iterator)
        except BaseException:
            self.close(result)
            raise
        self.close(result)
        return start.status, start.headers, b"".join(chunks), None

    @staticmethod
    def close(result):
        """PEP 3333's close(): Django sends request_finished there (closing the thread's
        database connections)."""
        close = getattr(result, "close", None)
        if close is not None:
            close()

    def more(self, rest):
        result, iterator = rest
        chunks, size = [], 0
        for chunk in iterator:
            chunks.append(chunk)
            size += len(chunk)
            if size >= CHUNK:
                break
        return b"".join(chunks)

    async def stream(self, protocol, status, headers, first, rest):
        transport = protocol.response_stream(status, headers)
        try:
            await transport.send_bytes(first)
            while chunk := await self.pool.run(self.more, rest):
                await transport.send_bytes(chunk)
        finally:
            await self.pool.run(self.close, rest[0])

    # WebSockets
    async def websocket(self, scope, protocol):
        if self.websocket_application is None:
            protocol.close(403)
            return
        socket = _Socket(protocol)
        try:
            await self.websocket_application(
                self.websocket_scope(scope), socket.receive, socket.send
            )
        finally:
            socket.finish()

    @staticmethod
    def websocket_scope(scope) -> dict:
        headers = [
            (name.encode("latin-1"), value.encode("latin-1"))
            for name, value in scope.headers.items()
        ]
        protocols = scope.headers.get("sec-websocket-protocol") or ""
        return {
            "type": "websocket",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": scope.http_version,
            "scheme": "wss" if scope.scheme == "https" else "ws",
            "path": scope.path,
            "raw_path": scope.path.encode("utf-8"),
            "query_string": scope.query_string.encode("latin-1"),
            "root_path": "",
            "headers": headers,
            "client": list(_split_address(scope.client)),
            "server": list(_split_address(scope.server)),
            "subprotocols": [p.strip() for p in protocols.split(",") if p.strip()],
        }


class _Socket:
    """One WebSocket seen from the ASGI side: receive() and send() over an RSGI protocol.

    The first receive() is the connect event; later ones wait for the accept (Channels asks at
    once), then read frames; a close from either side ends with a disconnect event."""

    def __init__(self, protocol):
        self.protocol = protocol
        self.transport = None
        self.closed = False
        self.events: asyncio.Queue = asyncio.Queue()
        self.events.put_nowait({"type": "websocket.connect"})
        self.reader = None

    async def receive(self) -> dict:
        return await self.events.get()

    async def send(self, message: dict) -> None:
        kind = message["type"]
        if self.closed:
            return
        if kind == "websocket.accept" or (kind == "websocket.send" and self.transport is None):
            self.transport = await self.protocol.accept()
            self.reader = asyncio.ensure_future(self.read())
        if kind == "websocket.send":
            if message.get("text") is not None:
                await self.transport.send_str(message["text"])
            elif message.get("bytes") is not None:
                await self.transport.send_bytes(message["bytes"])
        elif kind == "websocket.close":
            # Before the accept, granian answers the handshake with 403 (as its ASGI does).
            self.close(403 if self.transport is None else message.get("code", 1000))

    async def read(self):
        from granian.rsgi import ProtocolClosed

        while True:
            try:
                frame = await self.transport.receive()
            except ProtocolClosed:
                frame = None
            if frame is None or frame.kind == 0:
                self.closed = True
                self.events.put_nowait({"type": "websocket.disconnect", "code": 1005})
                return
            if frame.kind == 1:
                self.events.put_nowait({"type": "websocket.receive", "bytes": frame.data})
            else:
                self.events.put_nowait({"type": "websocket.receive", "text": frame.data})

    def close(self, code):
        if not self.closed:
            self.closed = True
            self.protocol.close(code)
            self.events.put_nowait({"type": "websocket.disconnect", "code": code})
        if self.reader is not None:
            self.reader.cancel()

    def finish(self):
        """The application returned: close what it left open."""
        self.close(1000 if self.transport is not None else 500)
