"""An insult drawn into a photo is caught as the same words typed into the note would be: the
text read in the photo goes through moderation's text pipeline with the note as its subject."""

import pytest

from crossnote.moderation.models import Decision
from crossnote.moderation.services import screen_text
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.services import create_note
from tests.conftest import upload
from tests.vision.vision_images import text_image

pytestmark = pytest.mark.django_db

STATE = {
    "allow": ModerationState.VISIBLE,
    "label": ModerationState.LABELLED,
    "limit": ModerationState.LIMITED,
    "hold": ModerationState.HELD,
    "remove": ModerationState.REMOVED,
}


def _post_picture(author, lines, django_capture_on_commit_callbacks, size=(520, 140)):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data, _boxes = text_image(lines, size=size)
    with django_capture_on_commit_callbacks(execute=True):
        note = create_note(
            author=author,
            title="看看这个",
            images=[upload(), SimpleUploadedFile("meme.png", data, "image/png")],
        )
    return Note.objects.get(pk=note.pk)


@pytest.mark.parametrize("insult", ["你就是个傻逼", "shut up you moron"])
def test_an_insult_in_a_photo_gets_what_the_same_text_gets(
    lin, insult, django_capture_on_commit_callbacks
):
    _signals, as_text = screen_text(insult, kind="note", author=lin)
    assert as_text.action != "allow"  # the words themselves are caught as text
    note = _post_picture(lin, [insult], django_capture_on_commit_callbacks)
    assert note.photo_texts.get(image__position=1).text.replace(" ", "") == insult.replace(" ", "")
    assert note.moderation == STATE[as_text.action]
    decision = Decision.objects.get(kind="note", object_id=note.pk)
    assert decision.action == as_text.action and decision.category == as_text.category


def test_a_harmless_menu_leaves_the_note_visible(lin, django_capture_on_commit_callbacks):
    note = _post_picture(lin, ["今天的火锅真好吃"], django_capture_on_commit_callbacks)
    assert note.photo_texts.get(image__position=1).text == "今天的火锅真好吃"
    assert note.moderation == ModerationState.VISIBLE
    assert not Decision.objects.filter(kind="note", object_id=note.pk).exists()
