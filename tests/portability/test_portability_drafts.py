"""Imported drafts are seen by their author only (API, pages, explore, search, profile) until
they publish them: one, the ticked ones or all, as the visibility they choose."""

import time

import pytest
from django.test import Client

from crossnote.notes.models import Note
from crossnote.portability.models import ImportedDraft
from tests.portability.conftest import instagram_export

pytestmark = pytest.mark.django_db


def _recent_export() -> bytes:
    """Two posts from an hour ago, so explore would rank them once published."""
    now = int(time.time()) - 3600
    posts = [
        {
            "title": "Zebrafinch sunrise over the harbour",
            "creation_timestamp": now,
            "media": [{"uri": "media/posts/202301/cat1.jpg"}],
        },
        {
            "title": "Zebrafinch nest by the window",
            "creation_timestamp": now,
            "media": [{"uri": "media/posts/202301/cat2.jpg"}],
        },
    ]
    return instagram_export(posts=posts)


def _seen_by(client, note: Note) -> dict:
    explore = client.get("/api/v1/feeds/explore?limit=50").json()["items"]
    search = client.get("/api/v1/search", {"q": "zebrafinch"}).json()["notes"]
    return {
        "api": client.get(f"/api/v1/notes/{note.pk}").status_code == 200,
        "page": client.get(f"/notes/{note.pk}/").status_code == 200,
        "explore": note.pk in [n["id"] for n in explore],
        "search": note.pk in [n["id"] for n in search],
        "profile": note.title in client.get("/u/mia_ms/").content.decode(),
    }


def test_drafts_are_invisible_to_others_until_published(mia, lin, run_import, client_for):
    run_import(mia, _recent_export())
    sunrise = Note.objects.get(title__contains="sunrise")
    assert sunrise.visibility == "private" and sunrise.media_ready
    for viewer in (client_for(lin), Client()):
        assert not any(_seen_by(viewer, sunrise).values()), _seen_by(viewer, sunrise)
    # The author sees it, on the note page and in the drafts list.
    mine = client_for(mia)
    assert mine.get(f"/notes/{sunrise.pk}/").status_code == 200
    drafts = mine.get("/api/v1/drafts").json()
    assert {d["title"] for d in drafts} == {sunrise.title, "Zebrafinch nest by the window"}
    assert drafts[0]["cover"].startswith("/media/") and drafts[0]["image_count"] == 1

    response = mine.post(
        f"/api/v1/drafts/{sunrise.pk}/publish",
        {"visibility": "public"},
        content_type="application/json",
    )
    assert response.json() == {"published": 1}
    sunrise.refresh_from_db()
    assert sunrise.visibility == "public"
    assert not ImportedDraft.objects.filter(note=sunrise).exists()
    seen = _seen_by(client_for(lin), sunrise)
    assert seen == {"api": True, "page": True, "explore": True, "search": True, "profile": True}
    # The other draft is still hidden.
    nest = Note.objects.get(title__contains="nest")
    assert not any(_seen_by(client_for(lin), nest).values())


def test_publish_all_takes_the_suggested_visibility_and_ticked_ones_a_chosen_one(
    mia, lin, run_import, client_for
):
    from tests.portability.conftest import mastodon_archive

    run_import(mia, mastodon_archive(), kind="mastodon")
    client = client_for(mia)
    market = Note.objects.get(title__startswith="Sunday market")
    spider = Note.objects.get(title="Spider in the bath")
    # Ticked, as "followers only", through the page.
    response = client.post(
        "/settings/move/drafts/publish/", {"note_ids": [market.pk], "visibility": "followers"}
    )
    assert response.status_code == 302
    market.refresh_from_db()
    assert market.visibility == "followers"
    # All the rest, each as it was where it came from (the spider was for followers).
    response = client.post(
        "/api/v1/drafts/publish",
        {"note_ids": None, "visibility": ""},
        content_type="application/json",
    )
    assert response.json() == {"published": 1}
    spider.refresh_from_db()
    assert spider.visibility == "followers" and spider.content_warning == "spiders"
    assert client.get("/api/v1/drafts").json() == []


def test_bad_publish_requests_are_4xx_and_change_nothing(mia, lin, run_import, client_for):
    run_import(mia, _recent_export())
    note = Note.objects.filter(author=mia).first()
    client = client_for(mia)
    bad = client.post(
        f"/api/v1/drafts/{note.pk}/publish",
        {"visibility": "everyone"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["field"] == "visibility"
    strict = client.post(
        "/api/v1/drafts/publish", {"note_ids": [False, "1"]}, content_type="application/json"
    )
    assert strict.status_code == 422
    # Someone else's draft, or a note that is not a draft, is not found.
    other = client_for(lin).post(
        f"/api/v1/drafts/{note.pk}/publish", {}, content_type="application/json"
    )
    assert other.status_code == 404
    assert client_for(lin).delete(f"/api/v1/drafts/{note.pk}").status_code == 404
    note.refresh_from_db()
    assert note.visibility == "private"


def test_deleting_a_draft_removes_the_note_and_its_photos(
    mia, run_import, client_for, settings, django_capture_on_commit_callbacks
):
    from tests.conftest import stored_files

    run_import(mia, _recent_export())
    before = len(stored_files(settings.MEDIA_ROOT))
    note = Note.objects.filter(author=mia).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mia).post("/settings/move/drafts/delete/", {"note": note.pk})
    assert response.status_code == 302
    assert not Note.objects.filter(pk=note.pk).exists()
    assert len(stored_files(settings.MEDIA_ROOT)) == before - 2  # thumb and large


def test_imported_text_goes_through_moderation_and_a_held_one_stays_hidden_once_published(
    mia, lin, run_import, client_for
):
    from crossnote.moderation.models import Decision
    from crossnote.notes.models import ModerationState

    posts = [
        {"title": "无语", "media": [{"uri": "media/posts/202301/cat1.jpg", "title": "你这个傻逼"}]}
    ]
    posts[0]["title"] = "无语\n你这个傻逼"
    run_import(mia, instagram_export(posts=posts))
    note = Note.objects.get(author=mia)
    assert note.moderation == ModerationState.HELD
    assert Decision.objects.filter(author=mia).exists()
    client_for(mia).post(f"/api/v1/drafts/{note.pk}/publish", {}, content_type="application/json")
    note.refresh_from_db()
    assert note.visibility == "public" and note.moderation == ModerationState.HELD
    assert client_for(lin).get(f"/api/v1/notes/{note.pk}").status_code == 404


def test_the_pages_show_progress_and_drafts_to_their_owner_only(mia, lin, run_import, client_for):
    body = run_import(mia, _recent_export())
    page = client_for(mia).get("/settings/move/").content.decode()
    assert "2 drafts made." in page and "Review 2 drafts" in page
    drafts = client_for(mia).get("/settings/move/drafts/").content.decode()
    assert "Zebrafinch sunrise" in drafts
    assert "Zebrafinch" not in client_for(lin).get("/settings/move/drafts/").content.decode()
    assert Client().get("/settings/move/").status_code == 302  # log in first
    # While an import runs, the list polls and shows the bar with its counts.
    from crossnote.portability.models import Import

    Import.objects.filter(pk=body["id"]).update(status="running", total=10, done=4)
    part = client_for(mia).get("/settings/move/imports/").content.decode()
    assert 'hx-trigger="every 1s"' in part and 'value="40"' in part and "4 of 10 posts" in part
    api = client_for(mia).get(f"/api/v1/imports/{body['id']}").json()
    assert (api["done"], api["total"], api["progress"]) == (4, 10, 40)
