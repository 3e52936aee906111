"""The WebSocket a signed-in page keeps open: new messages, typing, read receipts and badge
counts arrive on it; the page may also send, mark read and announce typing through it.

Client → server (JSON): {"action": "send", "conversation": 1, "body": "…", "reply_to": 2,
"client_id": "x"}, {"action": "read", "conversation": 1, "up_to": 9},
{"action": "typing", "conversation": 1}, {"action": "ping"}.
Server → client: {"event": "message" | "typing" | "read" | "unsent" | "ended" | "counts" |
"sent" | "error" | "pong" | "hello", …}.
"""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from crossnote.core.errors import DomainError
from crossnote.messaging import realtime


class MessagingConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=4401)
            return
        self.user = user
        self.group = realtime.group_for(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self._send_json({"event": "hello", "user": user.username, **await self._counts()})

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        try:
            data = json.loads(text_data or "")
            if not isinstance(data, dict):
                raise ValueError
        except ValueError:
            await self._send_json({"event": "error", "detail": "Send a JSON object."})
            return
        action = data.get("action")
        handler = {
            "send": self._send_message,
            "read": self._read,
            "typing": self._typing,
            "ping": self._ping,
        }.get(action)
        if handler is None:
            await self._send_json({"event": "error", "detail": "Unknown action."})
            return
        try:
            await handler(data)
        except DomainError as exc:
            await self._send_json(
                {
                    "event": "error",
                    "detail": exc.message,
                    "status": exc.status,
                    "client_id": data.get("client_id"),
                }
            )
        except (TypeError, ValueError):
            await self._send_json({"event": "error", "detail": "Bad request.", "status": 400})

    async def deliver(self, event):
        """A push from crossnote.messaging.realtime."""
        await self._send_json(event["event"])

    async def counts_changed(self, event):
        """A badge changed: counted here, by the open page's own socket, so a write with nobody
        watching (most likes and follows) costs no counting at all."""
        await self._send_json({"event": "counts", **await self._counts()})

    async def _send_json(self, payload):
        await self.send(text_data=json.dumps(payload, ensure_ascii=False))

    async def _ping(self, data):
        await self._send_json({"event": "pong", "t": data.get("t")})

    async def _send_message(self, data):
        message_id = await self._call_send(data)
        await self._send_json(
            {"event": "sent", "id": message_id, "client_id": data.get("client_id")}
        )

    async def _read(self, data):
        await self._call_read(data)

    async def _typing(self, data):
        await self._call_typing(int(data.get("conversation")))

    @database_sync_to_async
    def _call_send(self, data) -> int:
        from crossnote.messaging.services import send_message

        reply_to = data.get("reply_to")
        message = send_message(
            sender=self.user,
            conversation_id=int(data.get("conversation")),
            body=str(data.get("body") or ""),
            reply_to=int(reply_to) if reply_to else None,
        )
        return message.pk

    @database_sync_to_async
    def _call_read(self, data):
        from crossnote.messaging.services import mark_read

        up_to = data.get("up_to")
        return mark_read(
            user=self.user,
            conversation_id=int(data.get("conversation")),
            up_to=int(up_to) if up_to else None,
        )

    @database_sync_to_async
    def _call_typing(self, conversation_id: int):
        from crossnote.messaging.services import typing

        return typing(user=self.user, conversation_id=conversation_id)

    @database_sync_to_async
    def _counts(self) -> dict:
        from crossnote.messaging.selectors import request_count, unread_total
        from crossnote.social.selectors import unread_count

        return {
            "messages": unread_total(self.user),
            "requests": request_count(self.user),
            "notifications": unread_count(self.user),
        }
