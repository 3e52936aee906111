"""A content warning is shown in each reader's language: the stored text is the policy's label
(or the moderators' default), kept as written; the page translates the ones the translations
know and shows an operator's own text as written. Seen in the browser in session 15: a Chinese
reader saw "May contain offensive language" in English under a labelled comment."""

from django.test import Client
from django.utils import translation

from crossnote.moderation.models import Policy
from crossnote.moderation.services.enforcement import apply_state
from crossnote.notes.models import Comment, ModerationState, Note
from crossnote.notes.services import add_comment, create_note
from tests.conftest import upload


def _page(reader, note, language: str) -> str:
    client = Client()
    client.force_login(reader)
    client.cookies["django_language"] = language
    return client.get(f"/notes/{note.pk}/").content.decode()


def test_the_warning_is_shown_in_the_reader_s_language(mia, lin):
    Policy.objects.filter(name="Listed profanity").update(action="label")
    note = create_note(images=[upload()], author=mia, title="Rough day", body="what a shitty day")
    comment = add_comment(author=mia, note=note, body="what a shitty week too")
    note.refresh_from_db()
    comment.refresh_from_db()
    assert note.moderation == comment.moderation == ModerationState.LABELLED
    assert note.content_warning == comment.content_warning == "May contain offensive language"
    english, chinese = _page(lin, note, "en"), _page(lin, note, "zh-hans")
    assert english.count("May contain offensive language") == 2
    assert "May contain offensive language" not in chinese
    assert chinese.count("可能包含冒犯性语言") == 2


def test_a_moderator_s_label_is_stored_as_written_whatever_their_language(mia, lin):
    note = create_note(images=[upload()], author=mia, title="Dumplings", body="pleated by hand")
    comment = add_comment(author=lin, note=note, body="looks great")
    with translation.override("zh-hans"):  # a Chinese-speaking moderator decides
        apply_state(comment, "comment", "label")
    comment.refresh_from_db()
    assert comment.content_warning == "May contain offensive language"
    assert "May contain offensive language" in _page(mia, note, "en")


def test_an_operator_s_own_warning_is_shown_as_written(mia, lin):
    note = create_note(
        images=[upload()], author=mia, title="Spiders", body="a huge one in the bath"
    )
    Note.objects.filter(pk=note.pk).update(moderation="labelled", content_warning="Arachnids")
    assert "Arachnids" in _page(lin, note, "zh-hans")
    comment = add_comment(author=mia, note=note, body="and another")
    Comment.objects.filter(pk=comment.pk).update(moderation="labelled", content_warning="")
    assert "内容提醒" in _page(lin, note, "zh-hans")  # none stored: the default, translated
