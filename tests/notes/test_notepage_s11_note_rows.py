"""The note page's note read through compiled questions (selectors._whole_note): the same model
instances as the ORM's, visibility still decided on every page, the photo-text panel and the
replies from elsewhere asked only when the note has any, and the comments' kept HTML keyed by
their time as shown without building its text."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossnote.core import hooks
from crossnote.core.timefmt import relative_moment, relative_time
from crossnote.federation.models import RemoteActor, RemoteNote
from crossnote.notes import selectors
from crossnote.notes.models import NoteImage, NoteWithholding
from crossnote.notes.services import add_comment, create_board, update_note
from crossnote.social.services import block_user
from crossnote.vision.models import PhotoText
from tests.conftest import upload

pytestmark = pytest.mark.django_db


def _page(client, note, status=200) -> str:
    response = client.get(f"/notes/{note.pk}/")
    assert response.status_code == status
    return response.content.decode()


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_note_is_the_orms_note_with_its_author_photos_and_topics(make_note, mia, lin):
    note = make_note(mia, title="Cats", body="Hi", images=[upload(), upload()], topics=["cats"])
    update_note(user=mia, note=note, topics=["cats", "cooking"])
    orm = selectors.notes_with_media().get(pk=note.pk)
    ours = selectors.get_visible_note(lin, note.pk)
    assert _fields(ours) == _fields(orm)
    assert _fields(ours.author) == _fields(orm.author)
    assert [_fields(i) for i in ours.images.all()] == [_fields(i) for i in orm.images.all()]
    assert [i.position for i in ours.images.all()] == [0, 1]
    assert sorted(t.name for t in ours.topics.all()) == ["cats", "cooking"]
    assert {t.pk for t in ours.picked_topics} == {t.pk for t in orm.picked_topics}
    with CaptureQueriesContext(connection) as queries:  # read with the note: no more queries
        assert ours.author.username == "mia_ms" and ours.images.all()[1].note is ours
        assert len(list(ours.topics.all())) == 2
    assert len(queries) == 0
    # The photos' queryset is still this note's own: a filter asks about this note only.
    other = make_note(lin, title="Other", images=[upload(), upload()])
    assert list(ours.images.filter(position=1)) == [orm.images.get(position=1)]
    assert ours.images.count() == 2 and NoteImage.objects.filter(note=other).count() == 2
    with pytest.raises(type(selectors.NotFound(""))):
        selectors.get_visible_note(lin, 999_999)


def test_visibility_is_still_decided_on_every_page(make_note, mia, lin, client_for):
    note = make_note(mia, title="Open")
    reader = client_for(lin)  # reads from CN
    assert "Open" in _page(reader, note)
    NoteWithholding.objects.create(note=note, region="CN")
    _page(reader, note, status=451)
    NoteWithholding.objects.filter(note=note).delete()
    _page(reader, note)
    block_user(blocker=mia, blocked=lin)
    _page(reader, note, status=404)
    friends = make_note(mia, title="Friends", visibility="followers")
    _page(client_for(mia), friends)  # the author sees their own
    _page(reader, friends, status=404)


def _read(note, *, status="done", lines=None):
    image = note.images.order_by("position").first()
    return PhotoText.objects.create(
        image=image,
        note=note,
        status=status,
        lines=lines if lines is not None else [{"text": "OPEN", "box": [0, 0, 1, 1]}],
        text="OPEN 10-22",
        language="en",
    )


def test_the_photo_text_panel_is_asked_only_for_a_note_with_text_read(
    make_note, mia, lin, client_for
):
    plain = make_note(mia, title="Plain")
    failed = make_note(mia, title="Failed")
    _read(failed, status="failed", lines=[])
    shop = make_note(mia, title="Shop sign")
    _read(shop)
    reader = client_for(lin)
    for note in (plain, failed):
        with CaptureQueriesContext(connection) as queries:
            page = _page(reader, note)
        assert 'data-testid="photo-has-text"' not in page
        asked = [
            q["sql"] for q in queries if q["sql"].lstrip().startswith('SELECT "vision_phototext"')
        ]
        assert asked == [] or note is failed  # a failed reading: asked, and nothing shown
    page = _page(reader, shop)
    assert 'data-testid="photo-has-text"' in page and 'data-positions="0"' in page
    # The author is offered the text as the photo's description: the panel as before.
    assert 'data-testid="photo-alt-offer"' in _page(client_for(mia), shop)
    # Text read after a page was served shows on the next one.
    _read(plain)
    assert 'data-testid="photo-has-text"' in _page(reader, plain)


def _remote_reply(note, text="Lovely from afar"):
    actor = RemoteActor.objects.create(
        uri="https://elsewhere.example/users/alice",
        domain="elsewhere.example",
        username="alice",
        inbox="https://elsewhere.example/users/alice/inbox",
        key_id="https://elsewhere.example/users/alice#main-key",
        public_key_pem="-",
        fetched_at=timezone.now(),
    )
    return RemoteNote.objects.create(
        uri="https://elsewhere.example/users/alice/statuses/1",
        actor=actor,
        content=f"<p>{text}</p>",
        text=text,
        published=timezone.now(),
        reply_to_note=note,
    )


def test_replies_from_elsewhere_are_asked_only_for_a_note_that_has_some(
    make_note, mia, lin, client_for, monkeypatch
):
    note = make_note(mia, title="Sunset")
    asked = []
    collect = hooks.collect

    def counting(name, **kwargs):
        if name == hooks.COMMENTS_ELSEWHERE:
            asked.append(kwargs["note"].pk)
        return collect(name, **kwargs)

    monkeypatch.setattr(hooks, "collect", counting)
    reader = client_for(lin)
    assert "Lovely from afar" not in _page(reader, note)
    assert asked == []
    _remote_reply(note)
    assert "Lovely from afar" in _page(reader, note)
    assert asked == [note.pk]
    # A note read elsewhere (not through the page's note) is asked as before.
    plain = selectors.notes_with_media().get(pk=note.pk)
    assert [c.text for c in selectors.comments_elsewhere(plain, lin)] == ["Lovely from afar"]


def test_the_save_picker_lists_the_readers_own_boards(make_note, mia, lin, client_for):
    note = make_note(mia, title="Open")
    create_board(owner=lin, name="Trips", is_private=True)
    create_board(owner=lin, name="Food")
    create_board(owner=mia, name="Mia's")
    expected = list(selectors.boards_of(lin, lin))
    assert [_fields(b) for b in selectors.own_boards(lin)] == [_fields(b) for b in expected]
    page = _page(client_for(lin), note)
    assert "Trips" in page and "Food" in page and "Mia&#x27;s" not in page


def test_a_comments_shown_time_is_keyed_as_relative_time_tells_it():
    now = timezone.now()
    spans = sorted(
        {0, 1, 59, 60, 61, 119, 120, 3599, 3600, 7199, 86399, 86400, 6 * 86400, 7 * 86400}
        | {29 * 86400, 30 * 86400, 364 * 86400, 365 * 86400, 800 * 86400}
        | {s + d for s in (60, 3600, 86400) for d in (-1, 1, 30)}
    )
    moments = [now - timedelta(seconds=s) for s in spans] + [
        now + timedelta(seconds=s) for s in spans
    ]
    keys = {}
    for moment in moments:
        keys.setdefault(relative_moment(moment, now), set()).add(relative_time(moment, now))
    # One key, one text; and as many keys as texts (a key changes when the text does).
    assert all(len(texts) == 1 for texts in keys.values())
    assert len(keys) == len({relative_time(m, now) for m in moments})


def test_a_comment_kept_an_hour_ago_shows_its_time_anew(
    make_note, mia, lin, client_for, monkeypatch
):
    note = make_note(mia, title="Open")
    comment = add_comment(author=lin, note=note, body="Hello")
    reader = client_for(mia)
    assert "just now" in _page(reader, note)
    later = timezone.now() + timedelta(hours=2, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = _page(reader, note)
    assert f'id="c{comment.pk}"' in page and "2 hours ago" in page and "just now" not in page
