"""Pushing events to open pages over the channel layer (Django Channels).

Each signed-in socket joins its person's group; services push after their transaction commits,
so a rolled-back write pushes nothing. Without REDIS_URL the layer is crossnote.messaging.layer's,
shared by the processes of this machine; only with Channels' in-memory layer (a push reaches this
process's sockets only) do pages also poll (docs/using/messages.md).
"""

import logging

from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)


def group_for(user_id: int) -> str:
    return f"messaging.user.{user_id}"


def shared_layer() -> bool:
    """Whether every web process hears every push (the Redis layer, or the local-socket layer
    unless its folder could not be used): open pages then need not poll."""
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    if "InMemory" in backend:
        return False
    from channels.layers import get_channel_layer

    return getattr(get_channel_layer(), "shared", True)


def send_now(user_ids, event: dict | None, *, kind: str = "deliver") -> None:
    """Send now (no transaction to wait for: typing, badges), in one hop to the event loop for
    all these people's groups. `kind` names the consumer's handler (deliver, counts_changed)."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    ids = sorted(set(user_ids))
    if layer is None or not ids:
        return
    # The in-memory layer only reaches sockets of this process: where none of these people has
    # one open here, skip the hop to the event loop (0.5 ms on every like and comment).
    local_groups = getattr(layer, "groups", None)
    if not shared_layer() and isinstance(local_groups, dict):
        ids = [i for i in ids if local_groups.get(group_for(i))]
        if not ids:
            return
    message = {"type": kind, "event": event}
    # No hop to an event loop where the layer can send from this thread: a datagram per process
    # (crossnote.messaging.layer) or one Redis round trip (crossnote.messaging.redislayer).
    if hasattr(layer, "group_send_sync"):
        try:
            for user_id in ids:
                layer.group_send_sync(group_for(user_id), message)
        except Exception:  # noqa: BLE001 - a push is best effort
            log.warning("could not push %s to %s", kind, ids, exc_info=True)
        return

    async def send_all():
        for user_id in ids:
            await layer.group_send(group_for(user_id), message)

    try:
        async_to_sync(send_all)()
    except Exception:  # noqa: BLE001 - a push is best effort: pages catch up by polling
        log.warning(
            "could not push %s to %s",
            kind if event is None else event.get("event"),
            ids,
            exc_info=True,
        )


def push(user_ids, event: dict) -> None:
    """Send `event` to every open socket of these people once the current transaction commits."""
    ids = list(user_ids)
    if ids:
        transaction.on_commit(lambda: send_now(ids, event))
