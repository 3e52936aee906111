"""Federation fixtures (helpers in tests/federation/federation_fixtures.py: one module, so the
keys made once per name are the same everywhere)."""

import threading
from http.server import ThreadingHTTPServer

import pytest

from tests.federation.federation_fixtures import DOMAIN, Recorder, mastodon_actor


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
    """A real HTTP server on loopback (a free port the system gives: a fixed range, skipped when
    taken, could skip the test away on a busy machine or under pytest-xdist), with the
    development setting on."""
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Recorder.routes, Recorder.seen = {}, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Recorder
    server.shutdown()
    server.server_close()
