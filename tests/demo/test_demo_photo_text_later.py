"""`crossnote demo` hands the text in its photos to `crossnote serve`'s background process
(crossnote.core.tasks.spooled): OCR was three quarters of the demo's time, 12-17 minutes before
`make run` served its first page. The demo's notes are there at once; their photos' text is read
when the spool is drained."""

import io

import pytest
from django.core.management import call_command

from crossnote.core import spool, tasks
from crossnote.notes.models import NoteImage
from crossnote.vision import tasks as vision_tasks
from crossnote.vision.models import PhotoText


@pytest.fixture
def data(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.CROSSNOTE_TASKS_INLINE = True  # as the command line runs tasks (for_command_line)
    settings.CELERY_BROKER_URL = ""
    return settings.DATA_DIR


def _spooled_tasks() -> list[str]:
    folder = spool.spool_dir()
    return [path.read_text() for path in spool.waiting(folder)] if folder.exists() else []


def test_the_demo_leaves_its_photos_text_to_the_background_process(transactional_db, data):
    out = io.StringIO()
    call_command("demo", users=3, notes=3, seed=5, stdout=out)

    images = NoteImage.objects.count()
    assert images >= 3
    assert PhotoText.objects.count() == 0  # not read during the demo
    waiting = _spooled_tasks()
    assert waiting and all(vision_tasks.read_note_photos.name in job for job in waiting)
    assert "read in the background once the server runs" in out.getvalue()

    for path in spool.waiting(spool.spool_dir()):  # what crossnote serve's process does
        spool.run_file(path)
    assert spool.waiting(spool.spool_dir()) == []
    assert PhotoText.objects.count() == images  # every photo read, once


def test_outside_the_demo_the_same_task_runs_inline_again(db, data, monkeypatch):
    ran = []
    monkeypatch.setattr(tasks, "run_now", lambda task, *args, **kwargs: ran.append(args))
    with tasks.spooled(vision_tasks.read_note_photos):
        tasks.dispatch(vision_tasks.read_note_photos, 41)
    assert ran == [] and len(_spooled_tasks()) == 1
    tasks.dispatch(vision_tasks.read_note_photos, 42)  # after: as before (inline here)
    assert ran == [(42,)]
    assert len(_spooled_tasks()) == 1


def test_with_a_broker_nothing_is_spooled(db, data, settings, monkeypatch):
    settings.CELERY_BROKER_URL = "memory://"
    settings.CROSSNOTE_TASKS_INLINE = False
    sent = []
    monkeypatch.setattr(tasks, "_send", lambda task, args, kwargs: sent.append(args))
    with tasks.spooled(vision_tasks.read_note_photos):
        tasks.dispatch(vision_tasks.read_note_photos, 7)
    assert sent == [(7,)] and _spooled_tasks() == []
