"""A channel layer shared by every process of one install on one machine, without Redis.

The embedded default runs several web processes (granian workers: WSGI for pages and the API,
ASGI for `/ws/`), and a message posted through one of them must reach a socket held by another.
Each process that holds sockets binds one Unix datagram socket in a private folder (mode 0700,
one per database: the processes that share a database share the folder); a `group_send` delivers
to this process's own members directly and sends one datagram to every other process's socket,
whose listening thread hands the message to its members' queues. Sending is a plain `send()` on a
socket, so synchronous code in any process (a WSGI request, a CLI command, an in-process task)
pushes without an event loop of its own (`group_send_sync`).

Why not a table in the database: every like, follow and message would pay a second SQLite write
transaction (one writer for the whole install) and each worker would poll it; datagrams cost no
write, arrive in well under a millisecond, and a dead process leaves nothing to sweep but its
socket file, removed by the first sender that finds nobody listening (ECONNREFUSED).

What it is not: it reaches processes on this machine only (several machines: set REDIS_URL, the
Redis layer), and like every channel layer it delivers at most once: a message to a process that
stays too busy to read for `SEND_TIMEOUT` is dropped with a warning (pages catch up when they
reconnect). Channels without "!" (Channels' named worker channels, unused by Crossnote) stay
in their own process, as with the in-memory layer.
"""

import asyncio
import atexit
import contextlib
import hashlib
import logging
import os
import secrets
import select
import socket
import stat
import tempfile
import threading
import time
from pathlib import Path

import msgpack
from channels.exceptions import ChannelFull
from channels.layers import BaseChannelLayer

log = logging.getLogger(__name__)

SEND_TIMEOUT = 1.0  # seconds a sender waits for a busy process to make room, then drops
MAX_FRAME = 64 * 1024  # a datagram's largest size; messages are a few hundred bytes
# Frame kinds: a group message, a message to one channel, a group join or leave (for a channel
# that lives in another process).
GROUP, CHANNEL, JOIN, LEAVE = "g", "c", "a", "d"


def default_directory(db: dict | None = None) -> Path:
    """The folder of the processes sharing this install's database (its identity, hashed). An
    in-memory database is private to its process, and so is its folder."""
    from django.conf import settings

    db = db if db is not None else settings.DATABASES["default"]
    name = str(db.get("NAME") or "")
    engine = str(db.get("ENGINE") or "")
    if engine.endswith("sqlite3"):  # Django's backend or crossnote.core.sqlite3: one database
        engine = "sqlite3"
    parts = [engine] + [str(db.get(key) or "") for key in ("HOST", "PORT")] + [name]
    if not name or name == ":memory:" or "mode=memory" in name:
        parts.append(str(os.getpid()))
    key = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"crossnote-{os.getuid()}" / key


def _private_folder(path: Path) -> None:
    """Make `path` (and its parent) ours alone, refusing a folder someone else made or can read:
    a socket in it accepts events for anyone's open pages."""
    for folder in (path.parent, path):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = os.lstat(folder)
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            raise PermissionError(f"{folder} is not a private folder of this user")


class _Inbox:
    """One channel's queue and the event loop its receiver waits in."""

    __slots__ = ("loop", "queue")

    def __init__(self, capacity: int, loop):
        self.queue: asyncio.Queue = asyncio.Queue(maxsize=capacity)
        self.loop = loop


class LocalSocketChannelLayer(BaseChannelLayer):
    """Channels' layer API (send, receive, new_channel, groups, flush) across the processes of
    one machine. CONFIG: expiry (s, 60), capacity (per channel, 100), channel_capacity,
    group_expiry (s, 86400), directory (default: `default_directory()`)."""

    extensions = ["groups", "flush"]

    def __init__(
        self,
        expiry=60,
        group_expiry=86400,
        capacity=100,
        channel_capacity=None,
        directory=None,
        **kwargs,
    ):
        super().__init__(expiry=expiry, capacity=capacity, **kwargs)
        self.channel_capacity = self.compile_capacities(channel_capacity or {})
        self.group_expiry = group_expiry
        self._directory = Path(directory) if directory else None
        self._lock = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        """Fresh state for this process (also after a fork: nothing of the parent's is ours)."""
        self._pid = os.getpid()
        self.peer = f"{self._pid}-{secrets.token_hex(3)}"
        self._inboxes: dict[str, _Inbox] = {}
        self._groups: dict[str, dict[str, float]] = {}
        self._listener: socket.socket | None = None
        self._senders: dict[str, socket.socket] = {}
        self._peers: tuple[int, list[str]] = (-1, [])
        self.shared = hasattr(socket, "AF_UNIX")

    def _own(self) -> None:
        if os.getpid() != self._pid:
            with self._lock:
                if os.getpid() != self._pid:
                    self._reset()

    @property
    def directory(self) -> Path:
        if self._directory is None:
            self._directory = default_directory()
        return self._directory

    def _path(self, peer: str) -> str:
        return str(self.directory / f"{peer}.sock")

    # --- the channel layer API ------------------------------------------------------------

    async def new_channel(self, prefix="specific."):
        """A channel of this process, named so that any process can route to it."""
        self._own()
        self._listen()
        channel = f"{prefix}{self.peer}!{secrets.token_hex(6)}"
        self._inbox(channel, asyncio.get_running_loop())
        return channel

    async def send(self, channel, message):
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        self._own()
        owner = self._owner(channel)
        if owner is None:
            inbox = self._inbox(channel, asyncio.get_running_loop())
            try:
                inbox.queue.put_nowait((time.time() + self.expiry, message))
            except asyncio.QueueFull:
                raise ChannelFull(channel) from None
        else:
            await self._transmit_async([owner], [CHANNEL, channel, message, self._expires()])

    async def receive(self, channel):
        self.require_valid_channel_name(channel)
        self._own()
        if "!" in channel:
            self._listen()
        inbox = self._inbox(channel, asyncio.get_running_loop())
        while True:
            expires, message = await inbox.queue.get()
            if expires >= time.time():
                return message

    async def group_add(self, group, channel):
        self.require_valid_group_name(group)
        self.require_valid_channel_name(channel)
        self._own()
        owner = self._owner(channel)
        if owner is None:
            with self._lock:
                self._groups.setdefault(group, {})[channel] = time.time()
        else:
            await self._transmit_async([owner], [JOIN, group, channel, self._expires()])

    async def group_discard(self, group, channel):
        self.require_valid_group_name(group)
        self.require_valid_channel_name(channel)
        self._own()
        owner = self._owner(channel)
        if owner is None:
            self._leave(group, channel)
        else:
            await self._transmit_async([owner], [LEAVE, group, channel, self._expires()])

    async def group_send(self, group, message):
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_group_name(group)
        self._own()
        self._deliver_group(group, message, self._expires())
        await self._transmit_async(self._other_peers(), [GROUP, group, message, self._expires()])

    def group_send_sync(self, group, message) -> None:
        """`group_send` from synchronous code in any thread of any process (no event loop)."""
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_group_name(group)
        self._own()
        expires = self._expires()
        self._deliver_group(group, message, expires)
        frame = self._pack([GROUP, group, message, expires])
        for peer in self._other_peers():
            self._transmit(peer, frame)

    async def flush(self):
        with self._lock:
            self._inboxes.clear()
            self._groups.clear()

    async def close(self):
        pass

    # --- this process's channels and groups ---------------------------------------------------

    def _expires(self) -> float:
        return time.time() + self.expiry

    def _owner(self, channel: str) -> str | None:
        """The process a "specific.<peer>!…" channel lives in; None when it is this one's (or a
        named channel, which stays in its process)."""
        if "!" not in channel:
            return None
        peer = channel.split("!", 1)[0].rsplit(".", 1)[-1]
        return None if peer == self.peer else peer

    def _inbox(self, channel: str, loop) -> _Inbox:
        with self._lock:
            inbox = self._inboxes.get(channel)
            if inbox is None or (inbox.loop is not loop and inbox.loop.is_closed()):
                inbox = self._inboxes[channel] = _Inbox(self.get_capacity(channel), loop)
            return inbox

    def _leave(self, group: str, channel: str) -> None:
        with self._lock:
            members = self._groups.get(group)
            if members is not None:
                members.pop(channel, None)
                if not members:
                    del self._groups[group]

    def _forget_channel(self, channel: str) -> None:
        with self._lock:
            self._inboxes.pop(channel, None)
            for group in [g for g, members in self._groups.items() if channel in members]:
                self._leave(group, channel)

    def _members(self, group: str) -> list[str]:
        oldest = time.time() - self.group_expiry
        with self._lock:
            members = self._groups.get(group, {})
            for channel in [c for c, joined in members.items() if joined < oldest]:
                self._leave(group, channel)
            return list(self._groups.get(group, {}))

    def _deliver_group(self, group: str, message: dict, expires: float) -> None:
        for channel in self._members(group):
            self._deliver(channel, message, expires, group=True)

    def _deliver(self, channel: str, message: dict, expires: float, *, group: bool) -> None:
        """Put a message in a channel of this process, from any thread."""
        with self._lock:
            inbox = self._inboxes.get(channel)
        if inbox is None:
            if group:
                self._forget_channel(channel)  # its consumer is gone
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is inbox.loop:
            self._put(channel, inbox, expires, message)
            return
        try:
            inbox.loop.call_soon_threadsafe(self._put, channel, inbox, expires, message)
        except RuntimeError:  # that event loop has closed: nobody will read this channel
            self._forget_channel(channel)

    def _put(self, channel: str, inbox: _Inbox, expires: float, message: dict) -> None:
        try:
            inbox.queue.put_nowait((expires, message))
        except asyncio.QueueFull:
            log.warning("channel %s is full: a message to it was dropped", channel)

    # --- other processes ----------------------------------------------------------------------

    @staticmethod
    def _pack(frame: list) -> bytes:
        return msgpack.packb(frame, use_bin_type=True)

    def _listen(self) -> None:
        """Bind this process's socket and start the thread that reads it (once)."""
        if self._listener is not None or not self.shared:
            return
        with self._lock:
            if self._listener is not None or not self.shared:
                return
            try:
                _private_folder(self.directory)
                listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                listener.bind(self._path(self.peer))
            except OSError:
                log.exception(
                    "no shared channel layer in %s: sockets hear this process only",
                    self._directory,
                )
                self.shared = False
                return
            self._listener = listener
            atexit.register(self._close_listener, listener, self._path(self.peer))
        threading.Thread(target=self._read, args=(listener,), daemon=True).start()

    def _read(self, listener: socket.socket) -> None:
        while True:
            try:
                data = listener.recv(MAX_FRAME)
                kind, target, payload, expires = msgpack.unpackb(data, raw=False)
            except OSError:
                return  # closed
            except Exception:  # noqa: BLE001 - a malformed datagram must not stop the reader
                log.warning("dropped an unreadable channel-layer datagram", exc_info=True)
                continue
            if expires < time.time():
                continue
            if kind == GROUP:
                self._deliver_group(target, payload, expires)
            elif kind == CHANNEL:
                self._deliver(target, payload, expires, group=False)
            elif kind == JOIN:
                with self._lock:
                    self._groups.setdefault(target, {})[payload] = time.time()
            elif kind == LEAVE:
                self._leave(target, payload)

    @staticmethod
    def _close_listener(listener: socket.socket, path: str) -> None:
        """At exit: no socket file left behind (after a kill, the next sender removes it)."""
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(path)

    def _other_peers(self) -> list[str]:
        """Every other process with a socket in the folder. The listing is kept until the
        folder changes (its mtime moves when a socket file is made or removed)."""
        if not self.shared:
            return []
        try:
            changed = os.stat(self.directory).st_mtime_ns
        except OSError:
            return []  # no process has opened a socket yet
        seen, peers = self._peers
        # Directory times tick coarsely (a few ms): a socket made in the same tick as the last
        # listing leaves the time unchanged, so a listing is trusted once the time is a second old.
        if seen != changed or time.time_ns() - changed < 1_000_000_000:
            peers = [
                entry.name[: -len(".sock")]
                for entry in os.scandir(self.directory)
                if entry.name.endswith(".sock")
            ]
            self._peers = (changed, peers)
        return [peer for peer in peers if peer != self.peer]

    def _sender(self, peer: str) -> socket.socket:
        """A socket connected to `peer` (kept): a connected datagram socket waits for room in
        that one peer's queue, where an unconnected one would spin."""
        sender = self._senders.get(peer)
        if sender is None:
            sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            try:
                sender.connect(self._path(peer))
            except OSError:
                sender.close()
                raise
            with self._lock:
                kept = self._senders.setdefault(peer, sender)
            if kept is not sender:
                sender.close()
            sender = kept
        return sender

    def _transmit(self, peer: str, frame: bytes) -> None:
        """Send one datagram to `peer`, waiting up to SEND_TIMEOUT while its queue is full."""
        deadline = time.monotonic() + SEND_TIMEOUT
        try:
            sender = self._sender(peer)
            while True:
                try:
                    sender.send(frame, socket.MSG_DONTWAIT)
                    return
                except BlockingIOError:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        log.warning("process %s is not reading its socket: dropped", peer)
                        return
                    select.select([], [sender], [], left)
        except (ConnectionRefusedError, FileNotFoundError):
            self._drop_peer(peer, unlink=True)  # it died without removing its socket file
        except OSError:
            log.warning("could not send to process %s", peer, exc_info=True)
            self._drop_peer(peer, unlink=False)

    async def _transmit_async(self, peers: list[str], frame: list) -> None:
        """From an event loop: send without blocking it; a peer not yet connected, or whose
        queue is full, is served from a thread."""
        if not peers:
            return
        data = self._pack(frame)
        slow = []
        for peer in peers:
            sender = self._senders.get(peer)
            try:
                if sender is None:
                    raise BlockingIOError
                sender.send(data, socket.MSG_DONTWAIT)
            except OSError:  # full (BlockingIOError), or gone: _transmit sorts it out
                slow.append(peer)
        if slow:
            loop = asyncio.get_running_loop()

            def transmit_all() -> None:
                for peer in slow:
                    self._transmit(peer, data)

            await loop.run_in_executor(None, transmit_all)

    def _drop_peer(self, peer: str, *, unlink: bool) -> None:
        sender = self._senders.pop(peer, None)
        if sender is not None:
            sender.close()
        if unlink:
            with contextlib.suppress(OSError):
                os.unlink(self._path(peer))
