"""WebSocket routes of the messaging app (assembled in crossnote.asgi)."""

from django.urls import path

from crossnote.messaging.consumers import MessagingConsumer

websocket_urlpatterns = [
    path("ws/messages/", MessagingConsumer.as_asgi()),
]
