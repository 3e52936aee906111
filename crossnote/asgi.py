"""ASGI entry point (`crossnote serve --interface asgi`): HTTP goes to Django, WebSockets to Channels.

WebSockets are authenticated by the session cookie (AuthMiddlewareStack) and accepted only from
pages of the allowed hosts (AllowedHostsOriginValidator: cross-site WebSocket hijacking).
"""

import os
import warnings

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
# Django first: the routes below import models, which need the app registry ready.
django_application = get_asgi_application()

from crossnote.core import startup  # noqa: E402

startup.load_urls()  # before the first request, not during it (crossnote.core.startup)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from crossnote.messaging.routing import websocket_urlpatterns  # noqa: E402

# WhiteNoise hands Django a synchronous file iterator; under ASGI Django consumes it in a thread
# and warns each time. Static files are small and cached, so the warning is noise.
warnings.filterwarnings(
    "ignore", message="StreamingHttpResponse must consume synchronous iterators"
)


async def lifespan(scope, receive, send):
    """Granian's ASGI interface sends lifespan events; nothing needs to start or stop."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# Also served on its own by crossnote.rsgi, where HTTP goes to Django's WSGI handler instead.
websocket_application = AllowedHostsOriginValidator(
    AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
)

application = ProtocolTypeRouter(
    {"http": django_application, "lifespan": lifespan, "websocket": websocket_application}
)
