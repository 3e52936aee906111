"""The report form shows what is being reported: a note (title, snippet, author, thumbnail), a
comment (its text, its author, the note it is under) or a profile, on the page and through the
API; something gone, out of sight or one's own is refused before the form, and a refused report
comes back with its reason and the reporter's text kept."""

import pytest

from crossnote.moderation.models import Report
from crossnote.notes.models import ModerationState
from crossnote.notes.services import add_comment
from crossnote.social.services import block_user

API = "/api/v1/reports/subject"


@pytest.fixture
def note(make_note, mia):
    return make_note(
        mia, title="Weekend dumplings", body="We folded three hundred dumplings on Sunday."
    )


def test_the_page_shows_the_note_being_reported(client_for, lin, note):
    page = client_for(lin).get(f"/report/note/{note.pk}/?next=/").content.decode()
    top = page[page.index('data-testid="report-subject"') :]
    assert top.index("Weekend dumplings") < top.index('name="reason"')
    assert "A note by Mia" in top and "We folded three hundred dumplings" in top
    assert note.images.first().thumb.url in top
    assert f'href="{note.get_absolute_url()}"' in top


def test_the_page_shows_the_comment_and_the_note_it_is_under(client_for, mia, lin, note):
    comment = add_comment(author=lin, note=note, body="Save me some, they look great")
    page = client_for(mia).get(f"/report/comment/{comment.pk}/").content.decode()
    assert "A comment by 小林 on “Weekend dumplings”" in page
    assert "Save me some, they look great" in page
    assert f'href="{note.get_absolute_url()}#c{comment.pk}"' in page


def test_the_page_in_chinese(client_for, mia, lin, note):
    client = client_for(lin)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/report/note/{note.pk}/").content.decode()
    assert "Mia 的笔记" in page and "Weekend dumplings" in page


def test_a_profile_is_shown_by_name_handle_and_bio(client_for, mia, lin):
    lin.bio = "上海 · 咖啡 · 猫"
    lin.save(update_fields=["bio"])
    page = client_for(mia).get(f"/report/profile/{lin.pk}/").content.decode()
    assert "@lin_sh" in page and "小林" in page and "上海 · 咖啡 · 猫" in page


def test_a_content_warned_note_is_named_but_its_text_and_photo_stay_folded(client_for, lin, note):
    note.moderation = ModerationState.LABELLED
    note.save(update_fields=["moderation"])
    page = client_for(lin).get(f"/report/note/{note.pk}/").content.decode()
    assert "Weekend dumplings" in page
    assert "three hundred" not in page and note.images.first().thumb.url not in page


def test_own_gone_hidden_and_unknown_are_refused_before_the_form(client_for, mia, lin, note):
    assert client_for(mia).get(f"/report/note/{note.pk}/").status_code == 400  # one's own
    assert client_for(lin).get("/report/note/999999/").status_code == 404
    assert client_for(lin).get(f"/report/poem/{note.pk}/").status_code == 400
    block_user(blocker=mia, blocked=lin)
    assert client_for(lin).get(f"/report/note/{note.pk}/").status_code == 404


def test_a_refused_report_keeps_the_form_the_subject_and_the_text(client_for, lin, note):
    client = client_for(lin)
    url = f"/report/note/{note.pk}/"
    no_reason = client.post(url, {"text": "it is an ad", "next": "/"})
    assert no_reason.status_code == 400
    page = no_reason.content.decode()
    assert "Choose a reason from the list." in page and "it is an ad</textarea>" in page
    assert "Weekend dumplings" in page
    assert client.post(url, {"reason": "spam", "next": "/"}).status_code == 302
    again = client.post(url, {"reason": "spam", "text": "again", "next": "/"})
    assert again.status_code == 409 and "already reported" in again.content.decode()
    assert Report.objects.filter(reporter=lin).count() == 1


def test_the_api_says_what_a_report_would_be_about(client_for, mia, lin, note):
    comment = add_comment(author=lin, note=note, body="Save me some")
    body = client_for(mia).get(API, {"kind": "comment", "object_id": comment.pk}).json()
    assert body == {
        "kind": "comment",
        "object_id": comment.pk,
        "title": "",
        "snippet": "Save me some",
        "author_username": "lin_sh",
        "author_name": "小林",
        "url": f"{note.get_absolute_url()}#c{comment.pk}",
        "thumbnail": "",
        "content_warning": False,
        "under_note": "Weekend dumplings",
    }
    of_note = client_for(lin).get(API, {"kind": "note", "object_id": note.pk}).json()
    assert of_note["title"] == "Weekend dumplings" and of_note["thumbnail"]
    assert client_for(mia).get(API, {"kind": "note", "object_id": note.pk}).status_code == 400
    assert client_for(lin).get(API, {"kind": "note", "object_id": 2**70}).status_code in (
        400,
        404,
        422,
    )


def test_a_long_text_is_cut_to_a_snippet(client_for, make_note, mia, lin):
    long = make_note(mia, title="Long", body="word " * 400)
    body = client_for(lin).get(API, {"kind": "note", "object_id": long.pk}).json()
    assert len(body["snippet"]) <= 161 and body["snippet"].endswith("…")


def test_the_cli_shows_the_subject_and_sends_the_report(mia, lin, note):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("report", "subject", "note", str(note.pk), "--as", "lin_sh", stdout=out)
    assert "by Mia (@mia_ms)" in out.getvalue() and "title: Weekend dumplings" in out.getvalue()
    out = StringIO()
    call_command(
        "report", "send", "note", str(note.pk), "--as", "lin_sh", "--reason", "spam", stdout=out
    )
    assert "sent (spam)" in out.getvalue() and Report.objects.filter(reporter=lin).count() == 1
    with pytest.raises(CommandError, match="cannot report your own"):
        call_command("report", "subject", "note", str(note.pk), "--as", "mia_ms")
    with pytest.raises(CommandError, match="already reported"):
        call_command("report", "send", "note", str(note.pk), "--as", "lin_sh", "--reason", "spam")
