"""A cold reader (no ranked pool of their own yet) is served the visitors' head for their region
and languages without ranking in the request, re-checked for them (blocks both ways, mutes,
removals, withholding) and with their own liked marks, while their own pool is ranked in the
background; once it is made, it replaces the shared one."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossnote.feeds import ranking
from crossnote.notes.models import ModerationState, Note, NoteLike, NoteWithholding, Topic
from crossnote.social.models import Block, Mute
from tests.conftest import make_user

EXPLORE = "/api/v1/feeds/explore"
RANKING_SQL = '"notes_comment"."note_id"'  # the cross-language count, run only when ranking


def note(author, title, *, hours=1, likes=0, topics=()):
    made = Note.objects.create(author=author, title=title, language="en")
    Note.objects.filter(pk=made.pk).update(
        created_at=timezone.now() - timedelta(hours=hours), like_count=likes
    )
    for name in topics:
        topic, _ = Topic.objects.get_or_create(name=name, defaults={"note_count": 1})
        made.topics.add(topic)
    return made


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def queued_names(callbacks):
    return [getattr(getattr(c, "task", None), "name", "") for c in callbacks]


@pytest.fixture
def reader(db):
    return make_user("cold_reader", region="DE", languages=["en"])


@pytest.fixture
def client(reader):
    client = Client()
    client.force_login(reader)
    return client


def warm_shared_head(limit=20):
    """What a visitor of the reader's region and languages leaves behind."""
    return ranking.first_pool(ranking.visitor_of("DE"), ["en"], limit)


def test_a_cold_reader_is_served_the_shared_head_and_ranked_when_they_come_back(
    client, reader, django_capture_on_commit_callbacks
):
    popular = note(make_user("popular"), "popular", likes=50)
    picked = note(make_user("cat_person"), "cats", hours=100, topics=["cats"])
    Topic.objects.filter(name="cats").update(note_count=1)
    reader_topics = ranking.TopicInterest.objects
    reader_topics.create(user=reader, topic=Topic.objects.get(name="cats"))
    warm_shared_head()
    NoteLike.objects.create(user=reader, note=popular)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        with CaptureQueriesContext(connection) as cold:
            first = client.get(EXPLORE).json()["items"]
    assert not any(RANKING_SQL in q["sql"] for q in cold.captured_queries)  # not ranked here
    assert first[0]["id"] == popular.pk
    assert first[0]["liked"] is True  # the reader's own marks on the shared head
    # The visitors' pool knows nothing of the reader's picked topics.
    assert next(i for i in first if i["id"] == picked.pk)["why"][0]["code"] != "topic"
    # A reader who reads one page and leaves is never ranked: only one who comes back.
    assert queued_names(queued).count("feeds.refresh_explore") == 0
    with django_capture_on_commit_callbacks(execute=False) as queued:
        with CaptureQueriesContext(connection) as back:
            again = client.get(EXPLORE).json()["items"]
    assert not any(RANKING_SQL in q["sql"] for q in back.captured_queries)
    assert [i["id"] for i in again] == [i["id"] for i in first]  # the shared head again
    assert queued_names(queued).count("feeds.refresh_explore") == 1
    for callback in queued:
        callback()  # the background ranking of the reader's own pool
    key = f"feeds:head:{ranking.reader_key(reader, ['en'], 20)}"
    assert ranking.cache.get(key) is not None
    mine = client.get(EXPLORE).json()["items"]
    assert next(i for i in mine if i["id"] == picked.pk)["why"][0]["code"] == "topic"


def test_without_a_shared_head_the_cold_reader_waits_once_and_the_shared_one_is_queued(
    client, reader, django_capture_on_commit_callbacks
):
    first = note(make_user("author"), "first")
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert ids(client.get(EXPLORE)) == [first.pk]
    assert queued_names(queued).count("feeds.refresh_explore") == 1  # the visitors' head
    for callback in queued:
        callback()
    shared = ranking.reader_key(ranking.visitor_of("DE"), ["en"], 20)
    assert ranking.cache.get(f"feeds:head:{shared}")["head"][0]["id"] == first.pk


def test_blocked_muted_removed_and_withheld_never_show_from_the_shared_head(client, reader):
    blocked, blocker, muted = make_user("blocked"), make_user("blocker"), make_user("muted")
    by_blocked = note(blocked, "by someone the reader blocked", likes=40)
    by_blocker = note(blocker, "by someone who blocked the reader", likes=30)
    by_muted = note(muted, "by someone the reader muted", likes=25)
    removed = note(make_user("removed"), "removed after ranking", likes=20)
    withheld = note(make_user("withheld"), "withheld in DE after ranking", likes=15)
    kept = note(make_user("kept"), "kept", likes=10)
    warm_shared_head()
    Block.objects.create(blocker=reader, blocked=blocked)
    Block.objects.create(blocker=blocker, blocked=reader)
    Mute.objects.create(muter=reader, muted=muted)
    Note.objects.filter(pk=removed.pk).update(moderation=ModerationState.REMOVED)
    NoteWithholding.objects.create(note=withheld, region="DE")
    shown = ids(client.get(EXPLORE))
    assert kept.pk in shown
    for hidden in (by_blocked, by_blocker, by_muted, removed, withheld):
        assert hidden.pk not in shown


def test_later_pages_continue_the_shared_pool_without_repeats(client, reader):
    made = [note(make_user(f"a{i}"), f"n{i}", likes=i, hours=i + 1) for i in range(7)]
    warm_shared_head(limit=2)
    seen, cursor = [], None
    while True:
        url = f"{EXPLORE}?limit=2" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen.extend(item["id"] for item in body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(n.pk for n in made)
    assert len(seen) == len(set(seen))


def test_a_cold_reader_who_picked_a_topic_since_the_shared_head_is_ranked_at_once(client, reader):
    picked = note(make_user("cat_person"), "cats", hours=100, topics=["cats"])
    note(make_user("popular"), "popular", likes=50)
    warm_shared_head()
    response = client.put(
        "/api/v1/feeds/topics", {"topics": ["cats"]}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    items = client.get(EXPLORE).json()["items"]
    assert next(i for i in items if i["id"] == picked.pk)["why"][0]["code"] == "topic"


def test_background_rankings_run_one_at_a_time_in_a_web_process(monkeypatch, settings):
    """Without a broker each queued refresh runs in a thread of the web process: a burst of
    them (a server's first seconds) ranks one after another, not side by side with requests."""
    import threading
    import time

    settings.CELERY_BROKER_URL = ""
    running, peak, guard = [0], [0], threading.Lock()

    def slow_build(viewer, languages, screen):
        with guard:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with guard:
            running[0] -= 1

    monkeypatch.setattr(ranking, "build_first_pool", slow_build)
    threads = [
        threading.Thread(target=ranking.refresh_first_pool, args=(None, "DE", ["en"], 20))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 1
