"""A like or a boost from another server tells the note's author, as a local one does: on the
notifications page (likes tab) as "Someone on another server liked / shared your note", grouped
with others of the same note and day, once per person there, and not from someone they blocked."""

import re

import pytest

from crossnote.federation.models import RemoteBlock
from crossnote.social.models import Notification
from tests.federation.federation_fixtures import DOMAIN, activity, mastodon_actor, signed_post

pytestmark = pytest.mark.django_db


def _announce(actor: dict, target: str, number: int) -> dict:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor['id']}/statuses/{number}/activity",
        "type": "Announce",
        "actor": actor["id"],
        "to": ["https://www.w3.org/ns/activitystreams#Public"],
        "object": target,
    }


def test_likes_and_boosts_from_elsewhere_reach_the_author(lin, known_actor, make_note, client_for):
    alice, bob = mastodon_actor("alice"), mastodon_actor("bob", host="pixelfed.example")
    known_actor(alice), known_actor(bob)
    note = make_note(lin, title="Hotpot")
    target = f"https://{DOMAIN}/ap/notes/{note.pk}"
    assert (
        signed_post("/ap/inbox", activity(alice, "Like", target, "l"), actor=alice).status_code
        == 202
    )
    assert (
        signed_post("/ap/inbox", activity(bob, "Like", target, "l"), actor=bob).status_code == 202
    )
    assert signed_post("/ap/inbox", _announce(alice, target, 1), actor=alice).status_code == 202
    mine = Notification.objects.filter(recipient=lin, note=note)
    assert sorted(mine.values_list("verb", flat=True)) == ["like", "like", "share"]
    assert not mine.exclude(actor=None).exists()

    page = client_for(lin).get("/notifications/?tab=likes").content.decode()
    listed = re.sub(r"<[^>]+>", "", page.split('class="notifications"')[1].split("</ul>")[0])
    assert "Someone on another server and 1 other liked your note" in listed
    assert "Someone on another server shared your note" in listed and "Crossnote" not in listed
    api = client_for(lin).get("/api/v1/notifications/grouped?tab=likes").json()
    assert {item["verb"] for item in api["items"]} == {"like", "share"}

    # Undone and done again: the like is kept once, so the author is not told twice.
    like = activity(alice, "Like", target, "l2")
    signed_post(
        "/ap/inbox", activity(alice, "Undo", activity(alice, "Like", target, "l"), "u"), actor=alice
    )
    signed_post("/ap/inbox", like, actor=alice)
    assert mine.filter(verb="like").count() == 3  # a new like after an undo is news, as here


def test_no_word_of_someone_the_author_blocked(lin, known_actor, make_note):
    alice = mastodon_actor("alice")
    actor = known_actor(alice)
    note = make_note(lin, title="Hotpot")
    RemoteBlock.objects.create(user=lin, actor=actor)
    target = f"https://{DOMAIN}/ap/notes/{note.pk}"
    signed_post("/ap/inbox", activity(alice, "Like", target, "l"), actor=alice)
    assert not Notification.objects.filter(recipient=lin).exists()
