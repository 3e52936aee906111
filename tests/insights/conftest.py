"""Insights tests start with no memory of who was already marked active today (the middleware
keeps a per-process memo, and test databases reuse user ids)."""

import pytest


@pytest.fixture(autouse=True)
def _forget_active_memo():
    from crossnote.insights import middleware

    middleware._seen.clear()
    yield
    middleware._seen.clear()
