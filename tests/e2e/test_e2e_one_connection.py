"""The browser tests' body and the live server read and write through one SQLite connection.

Two connections to the in-memory test database lock each other out table by table ("database
table is locked: accounts_user", CI 2026-12-05). An uncommitted write is seen only by the
connection that made it, so a request that sees one proves the server used the test's own.
"""

import urllib.request

import pytest
from django.db import connections, transaction

from tests.conftest import make_user
from tests.e2e.live_server_state import SHARED_CONNECTIONS

pytestmark = pytest.mark.e2e


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the live server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_uses_the_test_bodys_connection(live_server, browser, transactional_db):
    # `browser` runs Playwright's event loop in this thread, where Django keeps a second set of
    # connections: the case that broke.
    assert connections["default"] is SHARED_CONNECTIONS.get("default")
    with transaction.atomic():
        make_user("only_in_this_transaction", display_name="Not Yet Committed")
        assert _status(f"{live_server.url}/u/only_in_this_transaction/") == 200
        transaction.set_rollback(True)
    assert _status(f"{live_server.url}/u/only_in_this_transaction/") == 404
