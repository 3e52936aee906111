"""Federation fixtures (helpers in tests/federation/federation_fixtures.py: one module, so the
keys made once per name are the same everywhere)."""

import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.federation.federation_fixtures import DOMAIN, PORTS, Recorder, mastodon_actor


@pytest.fixture
def federated(settings):
    settings.CROSSNOTE_FEDERATION_DOMAIN = DOMAIN
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, DOMAIN]
    return settings


@pytest.fixture
def known_actor(db, federated):
    """`known_actor(doc)`: keep a remote actor as if its server had served `doc`."""
    from crossnote.federation.services import store_actor

    def keep(doc=None):
        doc = doc or mastodon_actor()
        return store_actor(doc, fetched_from=doc["id"])

    return keep


@pytest.fixture
def peer(settings):
    """A real HTTP server on loopback (this area's ports), with the development setting on."""
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    server = None
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), Recorder)
            break
        except OSError:
            continue
    if server is None:
        pytest.skip("no free port in 8123-8129")
    Recorder.routes, Recorder.seen = {}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder
    server.shutdown()
    server.server_close()
