"""Note results on the card path (crossnote.feeds.cards): the search API writes what NoteHitOut
wrote from whole notes, byte for byte, for every kind of reader; a warm search page builds no
note; counts, liked marks and a note's new version show on the very next search."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from crossnote.core.renderers import dumps
from crossnote.core.templatetags import fragments
from crossnote.feeds import cards
from crossnote.notes.api import mark_viewer_state
from crossnote.notes.models import ModerationState, Note
from crossnote.notes.selectors import visible_notes
from crossnote.notes.services import like_note, update_note
from crossnote.search import selectors
from crossnote.search.cursors import decode_offset, encode_offset
from crossnote.search.schemas import SearchOut
from crossnote.social.services import block_user
from tests.conftest import NotesBuilt, client_of, page_html


@pytest.fixture
def found(db, post, mia, lin, reader):
    notes = [post(mia, f"hotpot night {i}", "we ate hotpot #hotpot") for i in range(4)]
    notes.append(post(lin, "周末吃火锅", "#火锅"))
    notes.append(post(mia, "Hotpot for followers", "hotpot", visibility="followers"))
    like_note(user=reader, note=notes[1])
    return notes


def orm_answer(viewer, q, cursor=None, limit=20) -> bytes:
    """The answer the search API wrote before the card path: whole notes, marked, NoteHitOut."""
    results = selectors.search(viewer, q, offset=decode_offset(cursor), limit=limit)
    loaded = visible_notes(viewer).in_bulk([item.pk for item in results.items])
    notes = []
    for item in results.items:
        note = loaded[item.pk]
        note.search_hit = item.search_hit
        notes.append(note)
    mark_viewer_state(notes, viewer)
    body = SearchOut.model_validate(
        {
            "type": "notes",
            "query": results.query.text,
            "terms": [t.token for t in results.query.terms],
            "translations": results.translations,
            "exact": results.exact,
            "similar": results.similar,
            "notes": notes,
            "next_cursor": encode_offset(results.next_offset),
            "elsewhere": [],
        }
    )
    return dumps(body.model_dump())


@pytest.mark.parametrize("q", ["hotpot", "火锅", "night 2"])
def test_the_api_writes_what_the_schema_wrote_from_whole_notes(found, mia, reader, q):
    for viewer, client in (
        (AnonymousUser(), Client()),
        (reader, client_of(reader)),
        (mia, client_of(mia)),
    ):
        for cursor, limit in ((None, 20), (None, 2), (encode_offset(2), 2)):
            url = f"/api/v1/search?q={q}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
            expected = orm_answer(viewer, q, cursor, limit)
            cards.forget_all()
            assert client.get(url).content == expected, (viewer, url)
            assert client.get(url).content == expected, (viewer, url)  # warm: from the memo
            if cursor is None:  # the compiled question answered, not the ORM fallback
                assert [entry for key, entry in cards._compiled.items() if key[0] == "search"]
                assert all(cards._compiled.values())


def test_counts_marks_and_new_versions_show_on_the_next_search(found, reader, mia):
    client = client_of(reader)

    def hits():
        body = client.get("/api/v1/search?q=hotpot").json()
        return {item["id"]: item for item in body["notes"]}

    first = hits()
    assert first[found[1].pk]["liked"] and first[found[1].pk]["like_count"] == 1
    like_note(user=reader, note=found[2])
    assert hits()[found[2].pk]["liked"] and hits()[found[2].pk]["like_count"] == 1
    update_note(user=mia, note=found[0], title="hotpot evening")
    assert hits()[found[0].pk]["title"] == "hotpot evening"
    Note.objects.filter(pk=found[3].pk).update(moderation=ModerationState.REMOVED)
    assert found[3].pk not in hits()
    block_user(blocker=mia, blocked=reader)
    assert set(hits()) == {found[4].pk}


def page(client, path="/search?q=hotpot") -> str:
    return page_html(client, path)


def test_a_warm_search_page_builds_no_note_and_is_the_cold_pages_html(found, reader):
    client = client_of(reader)
    with NotesBuilt() as cold:
        first = page(client)
    assert cold.count >= 4  # the cold page loaded the notes for their fragments
    with NotesBuilt() as warm:
        second = page(client)
    assert warm.count == 0 and first == second
    fragments.forget_all()
    cards.forget_all()
    assert page(client) == first
    for note in found[:5]:
        assert f'href="/notes/{note.pk}/"' in first
    assert "<mark>hotpot</mark>" in first and "<mark>火锅</mark>" in first
    liked = re.search(rf'href="/notes/{found[1].pk}/".*?<span class="likes([^"]*)"', first, re.S)
    assert liked and "liked" in liked.group(1)


def test_the_next_search_page_by_htmx_is_on_the_card_path_too(found, reader):
    client = client_of(reader)
    page(client)
    cursor = encode_offset(2)
    with NotesBuilt() as warm:
        more = page(client, f"/search?q=hotpot&cursor={cursor}")
    assert warm.count == 0  # the first page made every card's fragments
    assert more.count('<article class="note-card') == len(found) - 1 - 2  # one: followers only
