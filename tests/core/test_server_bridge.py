"""crossnote.core.server.Bridge: granian's RSGI calls turned into WSGI calls in a thread pool
(pages, API) and ASGI calls on the event loop (WebSockets), checked against stand-ins for
granian's protocol objects. The real server is tested in tests/core/test_serve.py."""

import asyncio
import io
import threading

import pytest
from asgiref.sync import async_to_sync

from crossnote.core import server
from crossnote.core.server import Bridge


class Headers:
    """granian's RSGIHeaders: items() keeps repeated headers; get() the first value."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def items(self):
        return list(self.pairs)

    def get(self, name, default=None):
        return next((v for k, v in self.pairs if k == name), default)


class Scope:
    def __init__(self, path="/", method="GET", headers=(), query="", proto="http", **other):
        self.proto = proto
        self.http_version = "1.1"
        self.rsgi_version = "1.5"
        self.server = other.get("server", "127.0.0.1:8000")
        self.client = other.get("client", "127.0.0.1:50123")
        self.scheme = "http"
        self.method = method
        self.path = path
        self.query_string = query
        self.headers = Headers([("host", "testserver"), *headers])


class StreamTransport:
    def __init__(self, protocol):
        self.protocol = protocol

    async def send_bytes(self, data):
        self.protocol.streamed.append(data)


class HTTPProtocol:
    """granian's RSGIHTTPProtocol: the body in one await or in chunks; one response."""

    def __init__(self, body=b"", chunk=64 * 1024):
        self.body = body
        self.chunk = chunk
        self.whole_reads = 0
        self.response = None
        self.streamed = []

    async def __call__(self):
        self.whole_reads += 1
        return self.body

    async def __aiter__(self):
        for start in range(0, len(self.body), self.chunk):
            yield self.body[start : start + self.chunk]

    def response_bytes(self, status, headers, body):
        assert self.response is None, "answered twice"
        self.response = (status, headers, body, threading.current_thread().name)

    def response_stream(self, status, headers):
        assert self.response is None, "answered twice"
        self.response = (status, headers, None, threading.current_thread().name)
        return StreamTransport(self)


def serve(app, scope, protocol, *, threads=2):
    bridge = Bridge(app, threads=threads)

    async def main():
        await bridge.__rsgi__(scope, protocol)
        return bridge.loop

    try:
        return asyncio.run(main())
    finally:
        bridge.__rsgi_del__(bridge.loop)


def recording_app(seen, body=b"ok", status="200 OK", headers=(("Content-Type", "text/plain"),)):
    def app(environ, start_response):
        seen["environ"] = environ
        seen["input"] = environ["wsgi.input"].read()
        start_response(status, list(headers))
        return [body]

    return app


def test_the_environ_carries_the_request_as_pep_3333_says():
    seen = {}
    scope = Scope(
        path="/notes/café/",
        query="q=%E7%8C%AB&x=1",
        headers=[
            ("cookie", "sessionid=a"),
            ("cookie", "csrftoken=b"),
            ("accept", "text/html"),
            ("accept", "application/json"),
            ("content-type", "application/x-www-form-urlencoded"),
            ("content-length", "3"),
            ("x-forwarded-for", "203.0.113.9"),
        ],
        method="POST",
        client="[::1]:40000",
    )
    serve(recording_app(seen), scope, HTTPProtocol(b"a=1"))
    environ = seen["environ"]
    # PATH_INFO is the URL's UTF-8 bytes as latin-1 characters; Django decodes it back.
    assert environ["PATH_INFO"] == "/notes/café/".encode().decode("latin-1")
    assert environ["QUERY_STRING"] == "q=%E7%8C%AB&x=1"
    assert environ["REQUEST_METHOD"] == "POST"
    assert environ["HTTP_COOKIE"] == "sessionid=a; csrftoken=b"
    assert environ["HTTP_ACCEPT"] == "text/html,application/json"
    assert environ["CONTENT_TYPE"] == "application/x-www-form-urlencoded"
    assert environ["CONTENT_LENGTH"] == "3"
    assert "HTTP_CONTENT_TYPE" not in environ and "HTTP_CONTENT_LENGTH" not in environ
    assert environ["HTTP_X_FORWARDED_FOR"] == "203.0.113.9"
    assert (environ["REMOTE_ADDR"], environ["REMOTE_PORT"]) == ("::1", "40000")
    assert (environ["SERVER_NAME"], environ["SERVER_PORT"]) == ("127.0.0.1", "8000")
    assert environ["wsgi.url_scheme"] == "http"
    assert seen["input"] == b"a=1"


def test_a_short_answer_is_sent_whole_from_the_pool_thread():
    seen = {}
    protocol = HTTPProtocol()
    serve(recording_app(seen, b"hello", headers=[("X-A", "1"), ("X-A", "2")]), Scope(), protocol)
    status, headers, body, thread = protocol.response
    assert (status, headers, body) == (200, [("X-A", "1"), ("X-A", "2")], b"hello")
    # Answered by the thread that ran Django, not after a hop back to the event loop.
    assert thread.startswith("crossnote-http-")
    assert seen["input"] == b"" and protocol.whole_reads == 0  # a GET has no body to wait for


def test_a_long_answer_streams_in_order_and_is_closed_once():
    parts = [bytes([n]) * 100_000 for n in range(7)]  # 700 kB, past server.CHUNK
    closed = []

    class Body:
        def __iter__(self):
            return iter(parts)

        def close(self):
            closed.append(threading.current_thread().name)

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return Body()

    protocol = HTTPProtocol()
    serve(app, Scope(), protocol)
    assert protocol.response[0] == 200 and protocol.response[2] is None
    assert b"".join(protocol.streamed) == b"".join(parts)
    assert len(protocol.streamed) < len(parts)  # gathered into chunks of about server.CHUNK
    assert len(closed) == 1  # PEP 3333: close() once the body is sent (Django's request_finished)


def test_a_failing_body_still_closes_the_response():
    closed = []

    class Body:
        def __iter__(self):
            raise OSError("disk gone")
            yield b""

        def close(self):
            closed.append(True)

    def app(environ, start_response):
        start_response("200 OK", [])
        return Body()

    with pytest.raises(OSError, match="disk gone"):
        serve(app, Scope(), HTTPProtocol())
    assert closed == [True]


@pytest.mark.parametrize("chunked", [False, True])
def test_a_large_upload_is_spooled_and_read_whole(chunked):
    body = bytes(range(256)) * 4096  # 1 MiB: past the one-read limit
    headers = (
        [("transfer-encoding", "chunked")] if chunked else [("content-length", str(len(body)))]
    )
    seen = {}
    protocol = HTTPProtocol(body)
    serve(recording_app(seen), Scope(method="POST", headers=headers), protocol)
    assert seen["input"] == body
    assert protocol.whole_reads == 0  # read chunk by chunk into the spool
    small = HTTPProtocol(b"x=1")
    serve(recording_app(seen), Scope(method="POST", headers=[("content-length", "3")]), small)
    assert seen["input"] == b"x=1" and small.whole_reads == 1


def test_django_file_responses_go_through_the_bridges_file_wrapper(tmp_path):
    """Django hands a FileResponse's file to wsgi.file_wrapper: read in large blocks."""
    path = tmp_path / "photo.webp"
    path.write_bytes(b"p" * 600_000)
    wrapper = server.FileWrapper(open(path, "rb"), 4096)  # noqa: SIM115 - closed below
    assert wrapper.block_size == server.CHUNK
    chunks = list(wrapper)
    wrapper.close()
    assert b"".join(chunks) == path.read_bytes()
    assert max(map(len, chunks)) == server.CHUNK and wrapper.filelike.closed


def test_async_to_sync_in_a_request_runs_on_the_workers_event_loop():
    """A push over the channel layer from a request (crossnote.messaging.realtime.send_now) must
    run where the sockets and the in-memory layer's queues live: the worker's event loop."""
    ran_on = {}

    async def push():
        ran_on["loop"] = asyncio.get_running_loop()

    def app(environ, start_response):
        async_to_sync(push)()
        start_response("204 No Content", [])
        return []

    loop = serve(app, Scope(method="POST"), HTTPProtocol())
    assert ran_on["loop"] is loop


# WebSockets: granian's RSGIWebsocketProtocol and its transport.
class Frame:
    def __init__(self, kind, data=None):
        self.kind = kind
        if data is not None:
            self.data = data


class WebsocketProtocol:
    def __init__(self, frames, replies_before_close=0):
        self.replies_before_close = replies_before_close
        self.frames = asyncio.Queue()
        for frame in frames:
            self.frames.put_nowait(frame)
        self.sent = []
        self.closed_with = None
        self.accepted = False

    async def accept(self):
        self.accepted = True
        return self

    async def receive(self):
        frame = await self.frames.get()
        while frame.kind == 0 and len(self.sent) < self.replies_before_close:
            await asyncio.sleep(0.01)  # the client closes once it has its answers
        return frame

    async def send_str(self, data):
        self.sent.append(data)

    async def send_bytes(self, data):
        self.sent.append(data)

    def close(self, status=None):
        self.closed_with = status


def run_socket(app, protocol, origin="http://testserver"):
    bridge = Bridge(None, app)
    scope = Scope(path="/ws/messages/", proto="ws", headers=[("origin", origin)])
    asyncio.run(asyncio.wait_for(bridge.__rsgi__(scope, protocol), 5))


def test_a_websocket_reaches_the_asgi_application_and_back():
    events = []

    async def echo(scope, receive, send):
        events.append((scope["type"], scope["path"], dict(scope["headers"])))
        assert (await receive())["type"] == "websocket.connect"
        await send({"type": "websocket.accept"})
        while True:
            message = await receive()
            events.append(message)
            if message["type"] == "websocket.disconnect":
                return
            if message.get("text") is not None:
                await send({"type": "websocket.send", "text": "echo " + message["text"]})
            else:
                await send({"type": "websocket.send", "bytes": message["bytes"] * 2})

    protocol = WebsocketProtocol([Frame(2, "hi"), Frame(1, b"\x01"), Frame(0)], 2)
    run_socket(echo, protocol)
    assert events[0][:2] == ("websocket", "/ws/messages/")
    assert events[0][2][b"origin"] == b"http://testserver"
    assert events[1] == {"type": "websocket.receive", "text": "hi"}
    assert events[2] == {"type": "websocket.receive", "bytes": b"\x01"}
    assert events[3]["type"] == "websocket.disconnect"
    assert protocol.accepted and protocol.sent == ["echo hi", b"\x01\x01"]


def test_a_websocket_refused_before_the_accept_is_a_403_handshake():
    async def refuse(scope, receive, send):
        await receive()
        await send({"type": "websocket.close", "code": 4401})
        assert (await receive())["type"] == "websocket.disconnect"

    protocol = WebsocketProtocol([])
    run_socket(refuse, protocol)
    assert not protocol.accepted and protocol.closed_with == 403


def test_the_channels_stack_refuses_a_socket_from_another_site():
    """The real WebSocket stack (crossnote.asgi): cross-site WebSocket hijacking is refused."""
    from crossnote.asgi import websocket_application

    protocol = WebsocketProtocol([])
    run_socket(websocket_application, protocol, origin="https://evil.example")
    # AllowedHostsOriginValidator answers the Origin it does not know with a close.
    assert not protocol.accepted and protocol.closed_with == 403


def test_a_bridge_without_websockets_refuses_the_handshake():
    protocol = WebsocketProtocol([])
    run_socket(None, protocol)
    assert protocol.closed_with == 403


def test_environ_survives_an_empty_body_read():
    seen = {}
    serve(
        recording_app(seen), Scope(method="POST", headers=[("content-length", "0")]), HTTPProtocol()
    )
    assert isinstance(seen["environ"]["wsgi.input"], io.BytesIO) and seen["input"] == b""
