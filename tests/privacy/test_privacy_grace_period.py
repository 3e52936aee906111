"""Deletion is immediate to readers: from the deletion request on, during the whole grace period,
nothing of the account shows anywhere (profile, notes, comments, boards, its name in lists and
notifications; pages and API); others' replies under its comments stay, under a "deleted
account" placeholder. Restoring the account (logging in again) brings everything back. And
erasure keeps those replies (they are their authors')."""

import pytest
from django.test import Client

from crossnote.notes import services as notes
from crossnote.notes.models import Comment
from crossnote.privacy import services
from crossnote.social import services as social
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SECRET = "zebra-quokka"  # in everything the leaving person wrote or named


@pytest.fixture
def world(make_note, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # search indexes on commit
        return _world(make_note)


def _world(make_note):
    """Mia (leaving) comments on Lin's note, Lin replies under that comment, Zoe comments too;
    Mia has a public board, a note, likes and follows Lin (Lin's notifications)."""
    mia = make_user("mia_gone", display_name=f"Mia {SECRET}")
    lin = make_user("lin_stay", display_name="Lin")
    zoe = make_user("zoe_stay", display_name="Zoe")
    theirs = make_note(lin, title="Lin's dumplings")
    make_note(mia, title=f"Mia's cat {SECRET}")
    top = notes.add_comment(author=mia, note=theirs, body=f"Lovely {SECRET} dumplings")
    reply = notes.add_comment(author=lin, note=theirs, body="Thank you, Mia!", parent=top)
    notes.add_comment(author=zoe, note=theirs, body="Recipe please")
    notes.like_note(user=mia, note=theirs)
    board = notes.create_board(owner=mia, name=f"Board {SECRET}")
    notes.collect_note(user=mia, note=theirs, board=board)
    social.follow_user(follower=mia, followee=lin)
    return {"mia": mia, "lin": lin, "theirs": theirs, "top": top, "reply": reply, "board": board}


def _readers(lin):
    reader = Client()
    reader.force_login(lin)
    return {"lin": reader, "visitor": Client()}


def _everything(world, client) -> dict[str, str]:
    """Every page and API answer where something of Mia's showed before."""
    note, board = world["theirs"], world["board"]
    urls = {
        "profile": "/u/mia_gone/",
        "note page": f"/notes/{note.pk}/",
        "comments api": f"/api/v1/notes/{note.pk}/comments",
        "profile api": "/api/v1/users/mia_gone",
        "notes api": "/api/v1/users/mia_gone/notes",
        "boards api": "/api/v1/users/mia_gone/boards",
        "board page": f"/boards/{board.pk}/",
        "board api": f"/api/v1/boards/{board.pk}/notes",
        "followers": "/u/lin_stay/?tab=followers",
        "followers api": "/api/v1/users/lin_stay/followers",
        "explore": "/",
        "search": "/api/v1/search?q=cat",
        "search page": "/search?q=Mia",
        "notifications": "/notifications/",
        "notifications api": "/api/v1/notifications",
        "grouped api": "/api/v1/notifications/grouped",
    }
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = f"{response.status_code} {response.content.decode()}"
    return found


def _leaks(found: dict[str, str]) -> list[str]:
    """Where her name or words show (a 404 page may repeat the address it was asked for)."""
    return [
        name
        for name, text in found.items()
        if SECRET in text or ("mia_gone" in text and not text.startswith("404"))
    ]


def test_a_closed_account_shows_nowhere_and_its_comment_becomes_a_placeholder(world):
    readers = _readers(world["lin"])
    before = _everything(world, readers["lin"])
    assert set(_leaks(before)) >= {
        "profile",
        "note page",
        "comments api",
        "board page",
        "followers",
        "followers api",
        "notifications",
        "notifications api",
        "grouped api",
        "search",
        "search page",
    }

    services.schedule_erasure(user=world["mia"], via="page")
    for who, client in readers.items():
        found = _everything(world, client)
        assert _leaks(found) == [], (who, _leaks(found))
        for name in ("profile", "profile api", "notes api", "boards api", "board page"):
            assert found[name].startswith("404"), (who, name)
    # Lin's reply under Mia's comment stays, under a "deleted account" placeholder.
    page = readers["visitor"].get(f"/notes/{world['theirs'].pk}/").content.decode()
    assert "Thank you, Mia!" in page and "Recipe please" in page
    assert "Deleted account" in page and 'data-testid="comment-gone"' in page
    api = readers["visitor"].get(f"/api/v1/notes/{world['theirs'].pk}/comments").json()["items"]
    (gone,) = [c for c in api if c["id"] == world["top"].pk]
    assert (gone["author"], gone["author_deleted"], gone["body"]) == (None, True, "")
    assert [r["body"] for r in gone["replies"]] == ["Thank you, Mia!"]
    assert gone["replies"][0]["reply_to"] is None  # not named either
    # Her comment itself cannot be fetched or answered.
    response = readers["lin"].post(
        f"/api/v1/notes/{world['theirs'].pk}/comments",
        {"body": "hello?", "parent_id": world["top"].pk},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_what_a_closed_account_caused_no_longer_counts_as_unread(world):
    lin = _readers(world["lin"])["lin"]
    count = "/api/v1/notifications/unread-count"
    assert lin.get(count).json()["count"] == 5  # Mia: comment, like, save, follow; Zoe: comment
    services.schedule_erasure(user=world["mia"], via="page")
    assert lin.get(count).json()["count"] == 1  # the badge would otherwise point at nothing
    body = lin.get("/api/v1/notifications/grouped").json()
    assert body["unread"] == 1 and len(body["items"]) == 1


def test_a_closed_account_is_not_named_in_the_inbox(world):
    from crossnote.messaging.services import open_conversation

    open_conversation(sender=world["mia"], usernames=["lin_stay"], body="hi Lin")
    lin = _readers(world["lin"])["lin"]
    assert f"Mia {SECRET}" in lin.get("/messages/?tab=requests").content.decode()
    services.schedule_erasure(user=world["mia"], via="page")
    html = lin.get("/messages/?tab=requests").content.decode()
    assert SECRET not in html and "Deleted account" in html


def test_restoring_the_account_brings_everything_back(world):
    readers = _readers(world["lin"])
    before = _everything(world, readers["lin"])
    services.schedule_erasure(user=world["mia"], via="page")
    assert services.cancel_deletion(user=world["mia"])
    after = _everything(world, readers["lin"])
    assert _leaks(after) == _leaks(before)
    assert after["profile"].startswith("200") and after["board page"].startswith("200")


def test_a_placeholder_needs_replies_to_keep(world, make_note):
    """A closed account's comment nobody answered simply disappears."""
    alone = notes.add_comment(author=world["mia"], note=world["theirs"], body="no replies")
    services.schedule_erasure(user=world["mia"], via="page")
    api = Client().get(f"/api/v1/notes/{world['theirs'].pk}/comments").json()["items"]
    assert alone.pk not in {c["id"] for c in api}
    assert world["top"].pk in {c["id"] for c in api}


def test_erasure_keeps_other_peoples_replies_under_the_erased_comment(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_now(user=world["mia"], operator="test")
    reply = Comment.objects.get(pk=world["reply"].pk)
    assert (reply.body, reply.parent_id, reply.author) == ("Thank you, Mia!", None, world["lin"])
    assert not Comment.objects.filter(pk=world["top"].pk).exists()
    world["theirs"].refresh_from_db()
    assert world["theirs"].comment_count == 2  # Lin's reply and Zoe's comment
    page = Client().get(f"/notes/{world['theirs'].pk}/").content.decode()
    assert "Thank you, Mia!" in page and SECRET not in page


def test_a_closed_account_is_not_named_in_a_conversation_it_was_in(world):
    """Its messages stay in the other person's conversation (they are theirs too), under
    "Deleted account": in the page and in the messages' JSON."""
    from crossnote.messaging.services import open_conversation

    chat = open_conversation(sender=world["mia"], usernames=["lin_stay"], body="hi Lin")
    lin = _readers(world["lin"])["lin"]
    assert f"Mia {SECRET}" in lin.get(f"/messages/{chat.pk}/").content.decode()
    services.schedule_erasure(user=world["mia"], via="page")
    html = lin.get(f"/messages/{chat.pk}/").content.decode()
    assert SECRET not in html and "Deleted account" in html and "hi Lin" in html
    body = lin.get(f"/api/v1/conversations/{chat.pk}/messages").json()
    assert [m["sender_name"] for m in body["items"]] == ["Deleted account"]
