"""Fixtures for messages: a third person, follows, and a helper to open a conversation."""

import pytest

from crossnote.social.services import follow_user
from tests.conftest import make_user


@pytest.fixture
def wang(db):
    return make_user("wang_bj", display_name="王", region="CN", languages=["zh"])


@pytest.fixture
def friends(mia, lin):
    """Mia and Lin follow each other."""
    follow_user(follower=mia, followee=lin)
    follow_user(follower=lin, followee=mia)
    return mia, lin


@pytest.fixture
def chat(friends):
    from crossnote.messaging.services import start_conversation

    mia, lin = friends
    return start_conversation(sender=mia, recipients=[lin])


def websocket_communicator_class():
    """channels.testing.WebsocketCommunicator. The package's __init__ also imports its live-server
    test case, which needs daphne (not installed: Crossnote serves with granian), so when that
    import fails only the communicator's own modules are loaded."""
    import importlib
    import sys
    import types
    from pathlib import Path

    import channels

    try:
        import channels.testing  # noqa: F401
    except ModuleNotFoundError:
        package = types.ModuleType("channels.testing")
        package.__path__ = [str(Path(channels.__file__).parent / "testing")]
        sys.modules["channels.testing"] = package
    return importlib.import_module("channels.testing.websocket").WebsocketCommunicator
