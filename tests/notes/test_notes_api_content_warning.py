"""The REST API says when moderation labelled a note or a comment (`content_warning`), in the
reader's language as the pages show it (notes' `warning_text`): every answer that carries a note,
on the card path (explore, a note, a profile, search, following) and the ORM's (a topic's notes),
and every comment and reply. Cards are made once per note version and shared by every reader,
so the warning must never be kept in them: a Chinese reader after an English one (and the
reverse) reads their own language, and a label (which makes no new version) shows at once."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.moderation.engine import forget_policies
from crossnote.moderation.models import Policy
from crossnote.moderation.services import withhold_note
from crossnote.moderation.services.enforcement import apply_state
from crossnote.notes.models import Comment, ModerationState, Note
from crossnote.notes.services import add_comment
from crossnote.search.services import rebuild_index
from crossnote.social.services import follow_user
from tests.conftest import client_of, make_user

ENGLISH = "May contain offensive language"
CHINESE = "可能包含冒犯性语言"
LANGUAGES = {"en": ENGLISH, "zh-hans": CHINESE}


@pytest.fixture
def world(db, make_note, mia, lin):
    """Mia's labelled note and plain note (topic #cats, searchable), a labelled comment with a
    labelled reply and a plain comment under the labelled note; Lin follows Mia."""
    labelled = make_note(mia, title="Rough day with my cat", body="#cats")
    plain = make_note(mia, title="Calm day with my cat", body="#cats")
    apply_state(labelled, "note", "label")  # as a moderator labels it: no new version
    comment = add_comment(author=lin, note=labelled, body="hang in there")
    reply = add_comment(author=mia, note=labelled, body="thanks", parent=comment)
    other = add_comment(author=lin, note=labelled, body="cute cat")
    for made in (comment, reply):
        apply_state(made, "comment", "label")
    follow_user(follower=lin, followee=mia)
    rebuild_index()  # as the index is written on commit
    return labelled, plain, comment, reply, other


def reader(user, language: str, *, cookie: bool = True) -> Client:
    """A client reading in `language`: by the language cookie (the switcher's), or by
    Accept-Language (what a phone app sends)."""
    if cookie:
        client = client_of(user) if user is not None else Client()
        client.cookies["django_language"] = language
        return client
    if user is None:
        return Client(HTTP_ACCEPT_LANGUAGE=language)
    return client_of(user, HTTP_ACCEPT_LANGUAGE=language)


def got(client, path: str) -> dict:
    response = client.get(f"/api/v1{path}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def warnings_of(items) -> dict[int, str | None]:
    return {item["id"]: item["content_warning"] for item in items}


NOTE_LISTS = {
    "explore": ("/feeds/explore", lambda body: body["items"]),
    "profile": ("/users/mia_ms/notes", lambda body: body["items"]),
    "following": ("/feeds/following", lambda body: body["items"]),
    "search": ("/search?q=cat", lambda body: body["notes"]),
    "topic": ("/topics/cats/notes", lambda body: body["items"]),
}


@pytest.mark.parametrize("where", sorted(NOTE_LISTS))
@pytest.mark.parametrize("order", [("en", "zh-hans"), ("zh-hans", "en")])
def test_a_labelled_note_in_a_list_carries_the_warning_in_each_reader_s_language(
    world, lin, where, order
):
    labelled, plain, *_comments = world
    path, items_of = NOTE_LISTS[where]
    other = make_user("sam", languages=["en"])
    follow_user(follower=other, followee=labelled.author)
    for n, language in enumerate(order):  # the second reader reads the cards the first made
        warnings = warnings_of(items_of(got(reader(lin if n else other, language), path)))
        assert warnings == {labelled.pk: LANGUAGES[language], plain.pk: None}, where


@pytest.mark.parametrize("cookie", [True, False])
def test_a_note_answers_with_its_warning_in_each_reader_s_language(world, lin, cookie):
    labelled, plain, *_comments = world
    for language in ("en", "zh-hans", "en"):
        client = reader(lin, language, cookie=cookie)
        assert got(client, f"/notes/{labelled.pk}")["content_warning"] == LANGUAGES[language]
        assert got(client, f"/notes/{plain.pk}")["content_warning"] is None


def test_visitors_of_each_language_get_their_own_shared_explore_page(world):
    labelled, plain, *_comments = world
    for language in ("en", "zh-hans", "en", "zh-hans"):
        items = got(reader(None, language, cookie=False), "/feeds/explore")["items"]
        assert warnings_of(items) == {labelled.pk: LANGUAGES[language], plain.pk: None}


def test_visitors_page_is_kept_per_ui_language_not_per_language_read(world, settings):
    """zh-hans and zh-hant readers both read "zh" (the ranking's languages); their warnings differ
    (here zh-hant has no catalogue: English), so the kept page must too."""
    labelled, *_rest = world
    settings.LANGUAGES = [*settings.LANGUAGES, ("zh-hant", "繁體中文")]
    for language, expected in (("zh-hans", CHINESE), ("zh-hant", ENGLISH)):
        items = got(reader(None, language, cookie=False), "/feeds/explore")["items"]
        assert warnings_of(items)[labelled.pk] == expected, language


@pytest.mark.parametrize("visitor", [True, False])
def test_a_label_shows_at_once_on_pages_and_cards_made_before_it(world, lin, visitor):
    """A label makes no new version: the shared cards and the visitors' kept page must not
    hold the note as it was before it."""
    labelled, plain, *_comments = world
    client = reader(None if visitor else lin, "zh-hans", cookie=False)
    assert warnings_of(got(client, "/feeds/explore")["items"])[plain.pk] is None
    assert got(client, f"/notes/{plain.pk}")["content_warning"] is None
    apply_state(Note.objects.get(pk=plain.pk), "note", "label")
    assert warnings_of(got(client, "/feeds/explore")["items"])[plain.pk] == CHINESE
    assert got(client, f"/notes/{plain.pk}")["content_warning"] == CHINESE
    apply_state(Note.objects.get(pk=plain.pk), "note", "approve")  # and lifted at once
    assert warnings_of(got(client, "/feeds/explore")["items"])[plain.pk] is None


def test_the_warning_costs_no_query_of_its_own(world, lin):
    """The label is read with the page's facts (one question for the page): a warm page asks
    as many questions in any language, whether none, one or all of its notes are labelled."""
    labelled, plain, *_comments = world

    def questions(language: str) -> int:
        client = reader(lin, language)
        got(client, "/users/mia_ms/notes")  # warm
        with CaptureQueriesContext(connection) as queries:
            got(client, "/users/mia_ms/notes")
        return len(queries)

    Note.objects.filter(pk=labelled.pk).update(moderation=ModerationState.VISIBLE)
    none = questions("en")
    apply_state(Note.objects.get(pk=labelled.pk), "note", "label")
    apply_state(Note.objects.get(pk=plain.pk), "note", "label")
    assert questions("en") == questions("zh-hans") == none


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_labelled_comments_and_replies_carry_the_warning(world, mia, lin, language):
    labelled, _plain, comment, reply, other = world
    for sort in ("hot", "new"):
        items = got(reader(mia, language), f"/notes/{labelled.pk}/comments?sort={sort}")["items"]
        shown = warnings_of(items)
        assert shown == {comment.pk: LANGUAGES[language], other.pk: None}
        replies = next(item for item in items if item["id"] == comment.pk)["replies"]
        assert warnings_of(replies) == {reply.pk: LANGUAGES[language]}


def test_an_operator_s_own_text_as_written_and_none_stored_is_the_translated_default(world, lin):
    labelled, plain, comment, _reply, _other = world
    Note.objects.filter(pk=labelled.pk).update(content_warning="Arachnids")
    Comment.objects.filter(pk=comment.pk).update(content_warning="")
    client = reader(lin, "zh-hans")
    assert got(client, f"/notes/{labelled.pk}")["content_warning"] == "Arachnids"
    items = got(client, f"/notes/{labelled.pk}/comments")["items"]
    assert warnings_of(items)[comment.pk] == "内容提醒"
    assert warnings_of(got(reader(lin, "en"), "/users/mia_ms/notes")["items"]) == {
        labelled.pk: "Arachnids",
        plain.pk: None,
    }


def test_a_new_labelled_comment_answers_with_its_warning(world):
    labelled, *_rest = world
    # Profanity labelled rather than held, whatever the classifier's score.
    profanity = ("Listed profanity", "Very likely offensive (classifier)")
    Policy.objects.filter(name__in=profanity).update(action="label")
    forget_policies()  # the world's comments were screened under the policies as they were
    sam = make_user("sam", languages=["en"])
    response = reader(sam, "zh-hans").post(
        f"/api/v1/notes/{labelled.pk}/comments",
        data={"body": "what a shitty day"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Comment.objects.get(pk=response.json()["id"]).moderation == ModerationState.LABELLED
    assert response.json()["content_warning"] == CHINESE


def test_removed_and_withheld_labelled_notes_still_vanish(world, lin, settings):
    labelled, plain, *_comments = world
    settings.CROSSNOTE_REGION_HEADER = "X-Country-Code"
    client = reader(lin, "en")
    withhold_note(note=plain, regions=["CN"], legal_basis="court order 7")  # Lin reads in CN
    Note.objects.filter(pk=labelled.pk).update(moderation=ModerationState.REMOVED)
    for where in sorted(NOTE_LISTS):
        path, items_of = NOTE_LISTS[where]
        assert warnings_of(items_of(got(client, path))) == {}, where
    assert client.get(f"/api/v1/notes/{labelled.pk}").status_code == 404
    assert client.get(f"/api/v1/notes/{plain.pk}").status_code == 451


def test_the_openapi_schema_describes_the_field():
    schemas = Client().get("/api/openapi.json").json()["components"]["schemas"]
    for name in ("NoteOut", "ExploreNoteOut", "NoteHitOut", "ReplyOut", "CommentOut"):
        field = schemas[name]["properties"]["content_warning"]
        assert {"type": "null"} in field["anyOf"], name
        assert "reader's language" in field["description"], name
