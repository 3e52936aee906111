"""Posting answers fast (issue 19): the slow part of a write (language detection, moderation's
layers, the photos' files) runs before its transaction opens, so no other writer waits on
SQLite's write lock for it; the verdict still takes effect inside the transaction, so a held
note or comment is held from the moment it exists and never shown."""

import time

import pytest
from django.db import connection
from django.test import Client

from crossnote.core import language_detection
from crossnote.moderation import pipeline
from crossnote.moderation.models import Decision, Term, TermList
from crossnote.moderation.services import screening
from crossnote.notes import services
from crossnote.notes.models import ModerationState, Note, NoteImage
from crossnote.notes.selectors import visible_notes
from tests.conftest import stored_files, upload

pytestmark = pytest.mark.django_db


def post(author, title, body=""):
    return services.create_note(author=author, title=title, body=body, images=[upload()])


@pytest.fixture
def depths(monkeypatch):
    """The transaction depth at which the layers, language detection and the file writes ran
    during a create_note, beside the test's own depth (pytest-django wraps each test in one)."""
    seen: dict[str, list[int]] = {"layers": [], "language": [], "files": []}

    def watch(name, function):
        def watched(*args, **kwargs):
            seen[name].append(len(connection.atomic_blocks))
            return function(*args, **kwargs)

        return watched

    monkeypatch.setattr(pipeline, "run_text", watch("layers", pipeline.run_text))
    monkeypatch.setattr(
        language_detection, "detect_language", watch("language", language_detection.detect_language)
    )
    storage = services.default_storage
    monkeypatch.setattr(storage, "save", watch("files", storage.save))
    seen["test"] = [len(connection.atomic_blocks)]
    return seen


def test_screening_detection_and_files_run_before_the_note_transaction_opens(depths, mia):
    note = post(mia, "My cat sleeps all day", "She found the sunny spot by the window again")
    outside = depths["test"][0]
    assert depths["layers"] == [outside], "moderation's layers ran inside the write transaction"
    assert depths["language"] and set(depths["language"]) == {outside}
    # The source file is written before; inline tasks (tests) make the variants inside.
    assert depths["files"][0] == outside
    assert note.moderation == ModerationState.VISIBLE and note.language == "en"
    assert NoteImage.objects.filter(note=note).count() == 1


def test_a_held_note_is_held_from_the_moment_it_exists(depths, lin, mia):
    note = post(lin, "无语", "你这个傻逼")
    assert depths["layers"] == [depths["test"][0]]
    # The verdict was put into effect in the note's own transaction: no committed state of the
    # row was ever visible.
    assert note.moderation == ModerationState.HELD
    note.refresh_from_db()
    assert note.moderation == ModerationState.HELD
    assert Decision.objects.get(kind="note", object_id=note.pk).action == "hold"
    assert not visible_notes(mia).filter(pk=note.pk).exists()
    assert Client().get(f"/api/v1/notes/{note.pk}").status_code == 404


def test_a_held_comment_is_screened_before_its_transaction_too(depths, lin, mia):
    note = post(mia, "My cat", "sleepy")
    depths["layers"].clear()
    comment = services.add_comment(author=lin, note=note, body="兼职日结，加微信领取")
    assert depths["layers"] == [depths["test"][0]]
    comment.refresh_from_db()
    assert comment.moderation == ModerationState.HELD
    assert Client().get(f"/api/v1/notes/{note.pk}/comments").json()["items"] == []


def _ban(word: str) -> None:
    listed = TermList.objects.create(name="postspeed", category="harassment")
    Term.objects.create(term_list=listed, term=word)
    pipeline.lists_changed()


def test_a_verdict_kept_from_before_is_never_used_for_a_later_write(monkeypatch, mia):
    """A screening whose write failed stays in its thread: a later write of the same text, after
    the lists changed, is screened again once SCREENED_FOR has passed."""
    note = post(mia, "Garden", "tomatoes")
    text = "Garden\nzorblax tomatoes"
    language = language_detection.detection_fields(text)["language"]
    monkeypatch.setattr(screening, "SCREENED_FOR", 0.0)
    screening.prescreen_content(text=text, kind="note", language=language, author=mia)
    _ban("zorblax")
    time.sleep(0.01)
    services.update_note(user=mia, note=note, body="zorblax tomatoes")
    note.refresh_from_db()
    assert note.moderation == ModerationState.HELD


def test_a_verdict_is_taken_only_by_the_write_it_was_made_for(mia):
    """The kept verdict is for one text: another write screens its own text."""
    screening.prescreen_content(text="Garden\ntomatoes", kind="note", language="en", author=mia)
    note = post(mia, "无语", "你这个傻逼")
    note.refresh_from_db()
    assert note.moderation == ModerationState.HELD


def test_a_note_that_fails_inside_its_transaction_leaves_no_file(settings, monkeypatch, mia):
    def refuse(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_link_topics", lambda note, names: refuse())
    with pytest.raises(RuntimeError):
        post(mia, "Cat", "#cats")
    assert not Note.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []
