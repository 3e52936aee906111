"""Channels' Redis layer (REDIS_URL), with a `group_send` that synchronous code can call without
an event loop of its own.

A like, a comment or a follow tells the other person's open pages that their badge changed
(crossnote.messaging.realtime.send_now) from a WSGI request, which has no event loop: through
`async_to_sync(layer.group_send)` each push started a thread and an event loop, and
channels_redis then opened a connection pool for that loop: 2.4 ms of CPU per push on the build
machine (bench/README "PostgreSQL + Redis: a like's pushes and counts"), more than the rest of
the like. Here `group_send_sync` asks Redis with a plain (pooled, per process) redis-py client:
one round trip that finds the group's live members (the common case: the person has no page
open, and nothing more is done), and where there are some, one more that queues the message for
each of them exactly as channels_redis's own `group_send` does (same keys, same serialised
message, same capacity rule), so the sockets' consumers in any process read it as before.

Hosts given by sentinel keep channels_redis's own asynchronous path (through async_to_sync).
"""

import threading
import time

import redis
from asgiref.sync import async_to_sync
from channels_redis.core import RedisChannelLayer

# The group's members after those older than the group's expiry are dropped (channels_redis's
# group_send does the same two commands, one round trip each).
_MEMBERS = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])
return redis.call('ZRANGE', KEYS[1], 0, -1)
"""

# channels_redis's group_send, in one script: each channel's old messages dropped, then the
# message queued where the channel is under its capacity (ARGV: the messages, the capacities,
# the oldest score to keep, the time, the expiry).
_SEND = """
local n = #KEYS
local oldest = ARGV[2 * n + 1]
local current_time = ARGV[2 * n + 2]
local expiry = ARGV[2 * n + 3]
local over_capacity = 0
for i = 1, n do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, oldest)
    if redis.call('ZCOUNT', KEYS[i], '-inf', '+inf') < tonumber(ARGV[i + n]) then
        redis.call('ZADD', KEYS[i], current_time, ARGV[i])
        redis.call('EXPIRE', KEYS[i], expiry)
    else
        over_capacity = over_capacity + 1
    end
end
return over_capacity
"""


class SyncSendRedisChannelLayer(RedisChannelLayer):
    """channels_redis's layer plus `group_send_sync` (crossnote.messaging.realtime uses it
    where a layer has one)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._sync_clients: dict[int, redis.Redis] = {}
        self._sync_lock = threading.Lock()
        self._sync_hosts = all("address" in host or "host" in host for host in self.hosts)

    def _sync_client(self, index: int) -> redis.Redis:
        client = self._sync_clients.get(index)
        if client is None:
            with self._sync_lock:
                client = self._sync_clients.get(index)
                if client is None:
                    host = dict(self.hosts[index])
                    address = host.pop("address", None)
                    # redis-py's pool notices a fork (it checks the pid) and starts afresh.
                    pool = (
                        redis.ConnectionPool.from_url(address, **host)
                        if address
                        else redis.ConnectionPool(**host)
                    )
                    client = redis.Redis(connection_pool=pool)
                    client.members_script = client.register_script(_MEMBERS)  # type: ignore[attr-defined]
                    client.send_script = client.register_script(_SEND)  # type: ignore[attr-defined]
                    self._sync_clients[index] = client
        return client

    def group_send_sync(self, group: str, message: dict) -> None:
        """`group_send` for synchronous code: the same effect, no event loop."""
        assert self.require_valid_group_name(group), "Group name not valid"
        if not self._sync_hosts:  # sentinels: channels_redis's own path
            async_to_sync(self.group_send)(group, message)
            return
        client = self._sync_client(self.consistent_hash(group))
        now = int(time.time())
        members = client.members_script(  # type: ignore[attr-defined]
            keys=[self._group_key(group)], args=[now - self.group_expiry]
        )
        if not members:
            return
        names = [member.decode("utf8") for member in members]
        by_connection, messages, capacities = self._map_channel_keys_to_connection(names, message)
        for index, keys in by_connection.items():
            args = [messages[key] for key in keys] + [capacities[key] for key in keys]
            args += [int(time.time()) - int(self.expiry), time.time(), self.expiry]
            self._sync_client(index).send_script(keys=keys, args=args)  # type: ignore[attr-defined]
