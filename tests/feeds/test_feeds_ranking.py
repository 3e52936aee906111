"""Explore ranking on small worlds: diversity, moderation state, regional withholding, languages,
why each note is shown, cold start from picked topics, cursors and constant query counts."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crossnote.feeds import ranking
from crossnote.notes.models import Comment, ModerationState, Note, NoteWithholding, Topic
from crossnote.social.models import Follow
from tests.conftest import make_user

EXPLORE = "/api/v1/feeds/explore"


def note(author, title, *, hours=1, likes=0, language="en", topics=(), **fields):
    """A note written straight to the table (ranking reads rows; no images needed)."""
    made = Note.objects.create(author=author, title=title, language=language, **fields)
    Note.objects.filter(pk=made.pk).update(
        created_at=timezone.now() - timedelta(hours=hours), like_count=likes
    )
    for name in topics:
        topic, _ = Topic.objects.get_or_create(name=name, defaults={"note_count": 0})
        made.topics.add(topic)
        Topic.objects.filter(pk=topic.pk).update(note_count=topic.note_count + 1)
    return made


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def walk(client, limit):
    """Every item of the explore feed, page by page."""
    seen, cursor = [], None
    while True:
        url = f"{EXPLORE}?limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return seen


@pytest.fixture
def reader(db):
    return make_user("reader_en", languages=["en"])


@pytest.fixture
def client(reader):
    client = Client()
    client.force_login(reader)
    return client


def test_no_author_twice_on_a_screen_while_others_remain(client):
    star = make_user("star")
    for i in range(8):
        note(star, f"star {i}", likes=500 - i)
    others = [make_user(f"author{i}") for i in range(6)]
    for i, person in enumerate(others):
        note(person, f"other {i}", likes=1)
    first = client.get(f"{EXPLORE}?limit=5").json()["items"]
    authors = [item["author"]["username"] for item in first]
    assert len(authors) == 5 and len(set(authors)) == 5
    assert authors[0] == "star"  # the best note still leads
    # with fewer authors than a screen, the screen is still filled with the best repeats
    everything = walk(client, 5)
    assert len(everything) == 14 and len({i["id"] for i in everything}) == 14


def test_diversify_fills_a_screen_when_one_author_is_left():
    ranked = [("a", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5), ("a", 6)]
    ordered = ranking.diversify(ranked, 3, author=lambda item: item[0])
    assert ordered[:3] == [("a", 1), ("b", 3), ("c", 5)]
    assert ordered[3:] == [("a", 2), ("a", 4), ("a", 6)]


def test_limited_notes_are_never_recommended_and_labelled_ones_are(client, reader):
    author = make_user("author")
    limited = note(author, "limited", likes=900, moderation=ModerationState.LIMITED)
    labelled = note(author, "labelled", likes=3, moderation=ModerationState.LABELLED)
    held = note(author, "held", likes=900, moderation=ModerationState.HELD)
    shown = {item["id"] for item in walk(client, 2)}
    assert labelled.pk in shown
    assert limited.pk not in shown and held.pk not in shown
    assert limited.pk not in {item["id"] for item in walk(Client(), 2)}


def test_withheld_note_is_never_shown_in_its_region(db):
    author = make_user("author")
    withheld = note(author, "withheld", likes=50)
    note(author, "other", likes=1)
    NoteWithholding.objects.create(note=withheld, region="DE")
    german, french = Client(), Client()
    german.force_login(make_user("de_reader", region="DE"))
    french.force_login(make_user("fr_reader", region="FR"))
    assert withheld.pk not in {item["id"] for item in walk(german, 1)}
    assert withheld.pk in {item["id"] for item in walk(french, 1)}


def test_readers_languages_come_first_unless_well_received_across_languages(
    client, reader, django_capture_on_commit_callbacks
):
    zh_author, en_author, commenter = make_user("zh_a"), make_user("en_a"), make_user("c")
    chinese = note(zh_author, "上海的早餐", language="zh", likes=10)
    english = note(en_author, "Breakfast in Leeds", language="en", likes=10)
    order = ids(client.get(EXPLORE))
    assert order.index(english.pk) < order.index(chinese.pk)
    # the Chinese note draws comments in English: well received across languages
    for i in range(ranking.CROSS_LANGUAGE_MIN):
        Comment.objects.create(
            note=chinese, author=commenter, body=f"Looks great {i}", language="en"
        )
    with django_capture_on_commit_callbacks(execute=True):  # stale: ranked in the background
        client.get(EXPLORE)
    body = client.get(EXPLORE).json()
    order = [item["id"] for item in body["items"]]
    assert order.index(chinese.pk) < order.index(english.pk)
    why = next(item["why"] for item in body["items"] if item["id"] == chinese.pk)
    assert why[0]["code"] == "cross_language"
    assert why[0]["text"] == "Well received across languages"


def test_engagement_decays_with_age(client):
    author_a, author_b = make_user("a_old"), make_user("b_new")
    old = note(author_a, "old hit", hours=24 * 6, likes=40)
    new = note(author_b, "new and liked", hours=2, likes=15)
    order = ids(client.get(EXPLORE))
    assert order.index(new.pk) < order.index(old.pk)


def test_cold_start_from_picked_topics_and_why(client, reader, django_capture_on_commit_callbacks):
    authors = [make_user(f"p{i}") for i in range(30)]
    for i, person in enumerate(authors):
        note(person, f"popular {i}", likes=200, hours=1)
    cat_author = make_user("cat_person")
    cats = note(cat_author, "A sleepy cat", topics=["cats"], hours=30, likes=2)
    assert cats.pk not in ids(client.get(f"{EXPLORE}?limit=10"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.put(
            "/api/v1/feeds/topics", {"topics": ["#Cats"]}, content_type="application/json"
        )
    assert response.status_code == 200, response.content
    assert response.json()["picked"] == ["cats"]
    body = client.get(f"{EXPLORE}?limit=10").json()
    picked = body["items"][1]  # the first personal slot, behind the most popular note
    assert picked["id"] == cats.pk
    assert picked["why"][0] == {
        "code": "topic",
        "text": "Because you follow #cats",
        "topic": "cats",
    }


def test_picking_an_unknown_topic_is_a_400_with_a_message(client):
    response = client.put(
        "/api/v1/feeds/topics", {"topics": ["nosuchtopic"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "#nosuchtopic" in response.json()["detail"]
    assert Client().get("/api/v1/feeds/topics").status_code == 401


def test_authors_followed_by_people_you_follow_are_recommended(client, reader):
    friend, found = make_user("friend"), make_user("found")
    Follow.objects.create(follower=reader, followee=friend)
    Follow.objects.create(follower=friend, followee=found)
    for i in range(25):
        note(make_user(f"n{i}"), f"noise {i}", likes=100)
    discovered = note(found, "from a friend of a friend", hours=40)
    body = client.get(f"{EXPLORE}?limit=10").json()
    item = next(i for i in body["items"] if i["id"] == discovered.pk)
    assert item["why"][0]["code"] == "network"


def test_pages_never_repeat_and_end(client):
    people = [make_user(f"w{i}") for i in range(7)]
    made = {note(people[i % 7], f"n{i}", likes=i % 5, hours=i).pk for i in range(40)}
    seen = [item["id"] for item in walk(client, 6)]
    assert len(seen) == len(set(seen)) == 40
    assert set(seen) == made


def test_notes_beyond_the_ranked_pool_follow_newest_first(client, monkeypatch):
    monkeypatch.setattr(ranking, "SOURCE_SIZE", 5)
    person = [make_user(f"q{i}") for i in range(4)]
    made = [note(person[i % 4], f"n{i}", hours=i + 1) for i in range(12)]
    seen = walk(client, 4)
    assert [i["id"] for i in seen[5:]] == [n.pk for n in made[5:]]
    assert all(i["why"][0]["code"] == "latest" for i in seen[5:])


def test_bad_cursor_and_limit_are_400(client):
    assert client.get(f"{EXPLORE}?cursor=garbage").status_code == 400
    assert client.get(f"{EXPLORE}?limit=0").status_code == 400
    assert client.get(f"{EXPLORE}?limit=1000").status_code == 400
    assert Client().get("/?cursor=eyJ0IjogMX0").status_code == 400


def test_explore_page_shows_why_and_offers_topics_to_a_new_reader(
    client, reader, django_capture_on_commit_callbacks
):
    note(make_user("someone"), "Hello there", topics=["travel"])
    page = client.get("/").content.decode()
    assert 'data-testid="why"' in page
    assert 'data-testid="pick-topics"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/explore/topics/", {"topics": ["travel"]})
    assert response.status_code == 302
    assert [i.topic.name for i in reader.topic_interests.all()] == ["travel"]
    page = client.get("/").content.decode()
    assert 'data-testid="pick-topics"' not in page
    assert "Because you follow #travel" in page


@pytest.mark.parametrize("signed_in", [True, False])
def test_query_count_is_the_same_for_any_page_size(
    signed_in, client, reader, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from crossnote.accounts import authcache
    from crossnote.feeds.cards import forget_all

    friend = make_user("friend")
    Follow.objects.create(follower=reader, followee=friend)
    Follow.objects.create(follower=friend, followee=make_user("fof"))
    Topic.objects.create(name="cats")
    client.put("/api/v1/feeds/topics", {"topics": ["cats"]}, content_type="application/json")
    for i in range(30):
        note(make_user(f"u{i}"), f"n{i}", likes=i, topics=["cats"] if i % 3 else ())
    browser = client if signed_in else Client()
    counts = []
    for limit in (5, 25):
        cache.clear()
        forget_all()
        authcache.forget_all()  # each page as a process's first: the session read too
        with CaptureQueriesContext(connection) as queries:
            assert len(ids(browser.get(f"{EXPLORE}?limit={limit}"))) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    cache.clear()
    forget_all()  # cold: cards are made again too
    authcache.forget_all()
    with django_assert_num_queries(counts[0]):
        browser.get(f"{EXPLORE}?limit=12")
    print(f"explore API: {counts[0]} queries per page ({'signed in' if signed_in else 'visitor'})")


def test_a_first_page_is_reused_and_refreshed_in_the_background_after_a_note_is_written(
    client, reader, make_note, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = make_user("author")
    first = note(author, "first", likes=3)
    assert ids(client.get(EXPLORE)) == [first.pk]
    with CaptureQueriesContext(connection) as again:
        assert ids(client.get(EXPLORE)) == [first.pk]
    ranking_sql = '"notes_comment"."note_id"'  # the cross-language count, run when ranking
    assert not any(ranking_sql in q["sql"] for q in again.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        posted = make_note(author, title="second")
    # Stale now: served as it was while a refresh is queued; the next page has the new note.
    with django_capture_on_commit_callbacks(execute=True) as queued:
        with CaptureQueriesContext(connection) as stale:
            assert ids(client.get(EXPLORE)) == [first.pk]
    assert not any(ranking_sql in q["sql"] for q in stale.captured_queries)  # not ranked here
    assert "feeds.refresh_explore" in [
        getattr(getattr(c, "task", None), "name", "") for c in queued
    ]
    assert posted.pk in ids(client.get(EXPLORE))


def test_every_first_page_is_ranked_afresh_when_the_cache_is_off(client, settings):
    settings.CROSSNOTE_EXPLORE_CACHE_SECONDS = 0
    author = make_user("author")
    first = note(author, "first")
    assert ids(client.get(EXPLORE)) == [first.pk]
    second = note(make_user("other"), "second", likes=5)  # straight to the table: no hook
    assert ids(client.get(EXPLORE)) == [second.pk, first.pk]


def test_visitors_share_a_first_page_that_moderation_still_empties_at_once(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = make_user("author")
    kept, limited = note(author, "kept", likes=1), note(make_user("b"), "soon limited", likes=9)
    visitor = Client()
    assert ids(visitor.get(EXPLORE)) == [limited.pk, kept.pk]
    with CaptureQueriesContext(connection) as again:
        assert ids(Client().get(EXPLORE)) == [limited.pk, kept.pk]
    assert len(again.captured_queries) <= 4  # served from the shared page
    Note.objects.filter(pk=limited.pk).update(moderation=ModerationState.LIMITED)
    assert ids(visitor.get(EXPLORE)) == [kept.pk]
    NoteWithholding.objects.create(note=kept, region="DE")
    german = Client(HTTP_ACCEPT_LANGUAGE="en")
    german_user = make_user("de_reader", region="DE")
    german.force_login(german_user)
    assert ids(german.get(EXPLORE)) == []


def test_a_stale_pool_is_served_and_refreshed_once_in_the_background(
    client, reader, django_capture_on_commit_callbacks
):
    """Once a reader has a ranked pool, no request ranks again: someone's new note (comment,
    follow, topic pick) makes it stale, the next requests serve it as it was and queue one
    refresh between them (the background task ranks), and a note hidden meanwhile is still left
    out at once."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = note(make_user("author"), "first", likes=3)
    hidden = note(make_user("later_hidden"), "to be removed", likes=2)
    one = f"{EXPLORE}?limit=1"  # the pool's head alone (past the pool, newest notes follow)
    assert ids(client.get(one)) == [first.pk]
    newer = note(make_user("someone_else"), "newer", likes=9)  # stale: a note was written
    Note.objects.filter(pk=first.pk).update(moderation=ModerationState.REMOVED)
    ranking_sql = '"notes_comment"."note_id"'  # the cross-language count, run when ranking
    with django_capture_on_commit_callbacks(execute=False) as queued:
        with CaptureQueriesContext(connection) as stale:
            assert ids(client.get(one)) == []  # the old head, its removed note left out
            assert ids(client.get(one)) == []
    assert not any(ranking_sql in q["sql"] for q in stale.captured_queries)
    names = [getattr(getattr(c, "task", None), "name", "") for c in queued]
    assert names.count("feeds.refresh_explore") == 1  # once per reader while one is queued
    for callback in queued:
        callback()  # the background task runs (inline in tests)
    assert ids(client.get(one)) == [newer.pk]
    assert hidden.pk in ids(client.get(EXPLORE))
    # Writes keep coming: the reader is re-ranked at most once per REFRESH_EVERY_SECONDS.
    newest = note(make_user("third"), "newest", likes=20)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert ids(client.get(one)) == [newer.pk]
    assert "feeds.refresh_explore" not in [
        getattr(getattr(c, "task", None), "name", "") for c in queued
    ]
    cache.delete(f"feeds:refreshing:{ranking.reader_key(reader, ['en'], 1)}")  # the claim expired
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert ids(client.get(one)) == [newer.pk]
    assert "feeds.refresh_explore" in [
        getattr(getattr(c, "task", None), "name", "") for c in queued
    ]
    assert ids(client.get(one)) == [newest.pk]


def test_a_reader_without_a_pool_waits_for_the_ranking_once(client, reader):
    first = note(make_user("author"), "first")
    from django.core.cache import cache

    from crossnote.feeds.ranking import first_pool

    assert cache.get(f"feeds:head:{ranking.reader_key(reader, ['en'], 20)}") is None
    as_of, head, size = first_pool(reader, ["en"], 20)
    assert [entry["id"] for entry in head] == [first.pk] and size == 1
    assert cache.get(f"feeds:head:{ranking.reader_key(reader, ['en'], 20)}")["head"] == head


def test_the_readers_own_follow_takes_effect_on_their_next_page(client, reader):
    def why(note_id):
        body = client.get(EXPLORE).json()
        return next(item["why"] for item in body["items"] if item["id"] == note_id)

    first = note(make_user("author"), "first", likes=3)
    assert ids(client.get(EXPLORE)) == [first.pk]
    friend, friends_friend = make_user("friend"), make_user("friends_friend")
    Follow.objects.create(follower=friend, followee=friends_friend)
    by_network = note(friends_friend, "followed by a friend", hours=40)
    assert (
        why(by_network.pk)[0]["code"] == "latest"
    )  # not the reader's follow: stale, past the pool
    Follow.objects.create(follower=reader, followee=friend)
    assert why(by_network.pk)[0]["code"] == "network"  # the reader's own: ranked at once


def test_the_readers_own_new_note_is_on_their_next_page(
    client, reader, make_note, django_capture_on_commit_callbacks
):
    """Someone else's new note waits for the background refresh; the reader's own is ranked at
    once (they just posted it and go back to explore)."""
    author = make_user("author")
    first = note(author, "first", likes=3)
    assert ids(client.get(EXPLORE)) == [first.pk]
    with django_capture_on_commit_callbacks(execute=True):
        other = make_note(author, title="someone else's")
    assert other.pk not in ids(client.get(EXPLORE))  # stale head served, refresh queued
    with django_capture_on_commit_callbacks(execute=True):
        own = make_note(reader, title="my own")
    assert own.pk in ids(client.get(EXPLORE))
