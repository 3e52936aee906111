"""RSGI entry point (granian, `crossnote serve`, the default): pages and API through Django's WSGI
handler in a thread pool, WebSockets (/ws/) through Channels, on one port (crossnote.core.server).
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

# Both modules set Django up on import.
from crossnote.asgi import websocket_application  # noqa: E402
from crossnote.core.server import Bridge  # noqa: E402
from crossnote.wsgi import application as wsgi_application  # noqa: E402

# Threads per worker that run Django: `crossnote serve --threads`.
application = Bridge(
    wsgi_application,
    websocket_application,
    threads=int(os.environ.get("CROSSNOTE_SERVE_THREADS", "8")),
)
