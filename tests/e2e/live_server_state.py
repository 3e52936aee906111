"""State the live server's threads and the browser tests share, in a module of its own.

pytest loads tests/e2e/conftest.py as the module `conftest`, while the tests import it as
`tests.e2e.conftest`: two copies, each with its own globals. A lock or a dict defined there is two
locks or two dicts (the server took one lock, log_in_as the other: CI failed on it twice). Both
copies import these from here, so there is one of each.
"""

import threading

# The live server's requests and the test thread's own writes to the shared in-memory database
# (log_in_as) take turns on this lock.
SERVER_LOCK = threading.Lock()

# The in-memory SQLite connection (per alias) that the test body and every live-server request
# thread use (conftest's _one_connection).
SHARED_CONNECTIONS: dict = {}
