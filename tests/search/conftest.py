"""Search fixtures: notes posted through the service and indexed as on commit; readers."""

import pytest

from crossnote.notes.models import Note
from crossnote.search.services import rebuild_index
from tests.conftest import make_user, upload


@pytest.fixture
def post(db, django_capture_on_commit_callbacks):
    """`post(author, title, body="", **kw)`: a note posted through the service; the commit hooks
    (indexing among them) run as they would after a real commit."""
    from crossnote.notes.services import create_note

    def make(author, title, body="", **kwargs) -> Note:
        with django_capture_on_commit_callbacks(execute=True):
            return create_note(author=author, title=title, body=body, images=[upload()], **kwargs)

    return make


@pytest.fixture
def reader(db):
    """A signed-in reader in Germany who follows nobody."""
    return make_user("reader", display_name="Reader", region="DE", languages=["en"])


@pytest.fixture
def indexed(db):
    """`indexed()`: rebuild the whole index (people made by fixtures were saved outside any
    captured commit)."""
    return lambda: rebuild_index()


def titles(results) -> list[str]:
    return [item.title for item in results.items]
