"""Remote notes first-class: the notes of people elsewhere a reader follows join their following
feed by time (not replies, not held ones, not before the other server accepted the follow, not
from a blocked server), and search finds them for that reader (with local search's folding:
貓 finds 猫), finds people elsewhere by name, and offers to look up an `@name@server` typed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.federation.models import RemoteFollow, RemoteNote
from crossnote.federation.services import block_domain
from tests.conftest import client_of
from tests.federation.federation_fixtures import DOMAIN, mastodon_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(known_actor, lin):
    actor = known_actor()
    RemoteFollow.objects.create(
        user=lin, actor=actor, activity_id=f"{actor.uri}#f", state=RemoteFollow.State.ACCEPTED
    )
    return actor


def remote_note(actor, number, text, *, ago=timedelta(minutes=5), **extra):
    return RemoteNote.objects.create(
        uri=f"{actor.uri}/statuses/{number}",
        actor=actor,
        content=f"<p>{text}</p>",
        text=text,
        language="en",
        published=timezone.now() - ago,
        **extra,
    )


def test_followed_peoples_notes_join_the_following_feed_by_time(
    lin, mia, alice, make_note, federated
):
    from crossnote.social.services import follow_user

    follow_user(follower=lin, followee=mia)
    make_note(mia, title="Older local note")  # now
    shown = remote_note(alice, 1, "Sunset over the bay", ago=timedelta(seconds=-1))
    remote_note(alice, 2, "A reply somewhere", in_reply_to="https://elsewhere.example/n/1")
    remote_note(alice, 3, "Held one", moderation="hold")
    page = client_of(lin).get("/following/", HTTP_HOST=DOMAIN).content.decode()
    assert page.count('data-testid="remote-card"') == 1
    assert "Sunset over the bay" in page and f"/elsewhere/notes/{shown.pk}/" in page
    assert page.index("Sunset over the bay") < page.index("Older local note")  # newest first
    assert "A reply somewhere" not in page and "Held one" not in page
    # Mia follows nobody elsewhere: none of it.
    assert "Sunset" not in client_of(mia).get("/following/", HTTP_HOST=DOMAIN).content.decode()


def test_a_pending_follow_or_a_blocked_server_shows_nothing(lin, alice, federated):
    remote_note(alice, 1, "Sunset over the bay")
    RemoteFollow.objects.filter(user=lin).update(state=RemoteFollow.State.PENDING)
    assert "Sunset" not in client_of(lin).get("/following/", HTTP_HOST=DOMAIN).content.decode()
    RemoteFollow.objects.filter(user=lin).update(state=RemoteFollow.State.ACCEPTED)
    block_domain(domain="mastodon.example")
    assert "Sunset" not in client_of(lin).get("/following/", HTTP_HOST=DOMAIN).content.decode()


def test_each_following_page_takes_the_remote_notes_between_its_bounds(
    lin, mia, alice, make_note, federated
):
    from crossnote.feeds import timeline
    from crossnote.feeds.selectors import with_elsewhere
    from crossnote.notes.models import Note
    from crossnote.social.services import follow_user

    follow_user(follower=lin, followee=mia)
    now = timezone.now()
    local = [make_note(mia, title=f"local {i}") for i in range(3)]
    for i, note in enumerate(local):  # local 0 oldest (30 min ago) ... local 2 (10 min ago)
        Note.objects.filter(pk=note.pk).update(created_at=now - timedelta(minutes=30 - 10 * i))
    remote_note(alice, 1, "newest", ago=timedelta(minutes=1))
    remote_note(alice, 2, "between", ago=timedelta(minutes=15))
    remote_note(alice, 3, "oldest", ago=timedelta(minutes=60))
    first = timeline.following_page(lin, None, 2)
    titles = [getattr(i, "title", None) or i.note.text for i in with_elsewhere(lin, first, None)]
    assert titles == ["newest", "local 2", "between", "local 1"]
    second = timeline.following_page(lin, first.next_cursor, 2)
    rest = with_elsewhere(lin, second, first.next_cursor)
    assert [getattr(i, "title", None) or i.note.text for i in rest] == ["local 0", "oldest"]


def test_search_finds_followed_peoples_notes_with_local_folding(lin, mia, alice, federated):
    remote_note(alice, 1, "Sunset over the bay")
    remote_note(alice, 2, "我家的貓咪在睡覺")
    page = client_of(lin).get("/search?q=sunset", HTTP_HOST=DOMAIN).content.decode()
    assert 'data-testid="elsewhere-note"' in page and "Sunset over the bay" in page
    assert 'data-testid="no-results"' not in page
    page = client_of(lin).get("/search?q=猫咪", HTTP_HOST=DOMAIN).content.decode()
    assert "我家的貓咪在睡覺" in page  # simplified finds traditional, as in local search
    # Mia follows nobody elsewhere: their notes are not hers to search.
    assert "Sunset" not in client_of(mia).get("/search?q=sunset", HTTP_HOST=DOMAIN).content.decode()


def test_search_offers_people_elsewhere_and_addresses_to_look_up(
    lin, alice, known_actor, federated
):
    client = client_of(lin)
    page = client.get("/search?q=@alice@mastodon.example", HTTP_HOST=DOMAIN).content.decode()
    assert 'data-testid="elsewhere-person"' in page and f"/elsewhere/people/{alice.pk}/" in page
    page = client.get("/search?q=@zed@unknown.example", HTTP_HOST=DOMAIN).content.decode()
    assert 'data-testid="elsewhere-lookup"' in page and 'value="@zed@unknown.example"' in page
    suggest = client.get("/search/suggest?q=alic", HTTP_HOST=DOMAIN).content.decode()
    assert "@alice@mastodon.example" in suggest
    # Our own server's addresses are not "elsewhere"; a blocked server offers nothing.
    own = client.get(f"/search?q=@mia_ms@{DOMAIN}", HTTP_HOST=DOMAIN).content.decode()
    assert "elsewhere-lookup" not in own
    block_domain(domain="unknown.example")
    blocked = client.get("/search?q=@zed@unknown.example", HTTP_HOST=DOMAIN).content.decode()
    assert "elsewhere-lookup" not in blocked
    known_actor(mastodon_actor("bob", "other.example"))
    block_domain(domain="other.example")
    assert (
        "@bob@other.example"
        not in client.get("/search/suggest?q=bob", HTTP_HOST=DOMAIN).content.decode()
    )


def test_nothing_from_elsewhere_while_federation_is_off(lin, alice, settings):
    remote_note(alice, 1, "Sunset over the bay")
    settings.CROSSNOTE_FEDERATION_DOMAIN = ""
    page = client_of(lin).get("/search?q=sunset").content.decode()
    assert "elsewhere-note" not in page


def test_the_following_api_gives_followed_peoples_notes_elsewhere(lin, alice, federated):
    shown = remote_note(alice, 1, "Sunset over the bay")
    remote_note(alice, 2, "A reply", in_reply_to="https://elsewhere.example/n/1")
    body = client_of(lin).get("/api/v1/feeds/following", HTTP_HOST=DOMAIN).json()
    [item] = body["elsewhere"]
    assert item["id"] == shown.pk and item["text"] == "Sunset over the bay"
    assert item["author_address"] == "@alice@mastodon.example"
    assert item["page_url"] == f"/elsewhere/notes/{shown.pk}/"


def test_the_search_api_gives_what_it_finds_elsewhere(lin, alice, federated):
    shown = remote_note(alice, 1, "Sunset over the bay")
    client = client_of(lin)
    body = client.get("/api/v1/search?q=sunset", HTTP_HOST=DOMAIN).json()
    [hit] = body["elsewhere"]
    assert hit["kind"] == "note" and hit["url"] == f"/elsewhere/notes/{shown.pk}/"
    assert hit["address"] == "@alice@mastodon.example" and hit["text"] == "Sunset over the bay"
    lookup = client.get("/api/v1/search?q=@zed@unknown.example", HTTP_HOST=DOMAIN).json()
    assert lookup["elsewhere"] == [
        {"kind": "lookup", "address": "@zed@unknown.example", "name": "", "url": "", "text": "",
         "published": None}
    ]  # fmt: skip
    suggest = client.get("/api/v1/search/suggest?q=alic", HTTP_HOST=DOMAIN).json()
    assert [p["address"] for p in suggest["elsewhere"]] == ["@alice@mastodon.example"]
