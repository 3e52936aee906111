"""What every signed-in page reads of the reader (the notifications badge, the Review link, the
topic prompt on explore) is read in fewer queries and is still right on the very next page after
the change that alters it."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from crossnote.feeds.models import TopicInterest
from crossnote.feeds.services import pick_topics
from crossnote.moderation import roles
from crossnote.notes.models import Topic
from crossnote.social import services as social
from tests.conftest import client_of, make_user

pytestmark = pytest.mark.django_db


def page(client, path="/") -> tuple[list[str], str]:
    seen = []

    def record(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    assert response.status_code == 200
    return seen, response.content.decode()


def test_the_badge_and_the_review_link_are_one_query_and_live():
    reader = make_user("basepage_r", region="US", languages=["en"])
    other = make_user("basepage_o", region="US", languages=["en"])
    as_reader = client_of(reader)
    queries, html = page(as_reader)
    assert 'data-testid="unread-badge"' not in html
    assert "nav-queue" not in html
    # Neither the notification table nor the group table is asked on its own any more.
    assert not [q for q in queries if q.lstrip().startswith('SELECT COUNT(*) AS "__count"')]
    group_reads = [q for q in queries if "auth_user_groups" in q or "accounts_user_groups" in q]
    assert len(group_reads) == 1, group_reads
    assert "social_notification" in group_reads[0]

    social.follow_user(follower=other, followee=reader)  # notifies the reader
    _queries, html = page(as_reader)
    assert 'data-testid="unread-badge">1<' in html

    social.mark_notifications_read(user=reader)
    _queries, html = page(as_reader)
    assert 'data-testid="unread-badge"' not in html

    group, _ = Group.objects.get_or_create(name=roles.MODERATOR)
    reader.groups.add(group)
    _queries, html = page(as_reader)
    assert "nav-queue" in html
    reader.groups.remove(group)
    _queries, html = page(as_reader)
    assert "nav-queue" not in html

    senior, _ = Group.objects.get_or_create(name=roles.SENIOR)
    reader.groups.add(senior)
    _queries, html = page(as_reader)
    assert "nav-queue" in html


def test_a_visitor_reads_nothing_of_a_person():
    queries, html = page(Client())
    assert "nav-queue" not in html
    assert not [q for q in queries if "social_notification" in q]


def test_the_topic_prompt_is_one_query_and_goes_at_once():
    reader = make_user("basepage_t", region="US", languages=["en"])
    followee = make_user("basepage_f", region="US", languages=["en"])
    as_reader = client_of(reader)
    queries, html = page(as_reader)
    assert 'data-testid="pick-topics"' in html
    prompt = [q for q in queries if "feeds_topicinterest" in q and "OR EXISTS" in q]
    assert len(prompt) == 1, queries
    alone = ('SELECT 1 AS "a" FROM "feeds_topicinterest"', 'SELECT 1 AS "a" FROM "social_follow"')
    assert not [q for q in queries if q.startswith(alone)]

    social.follow_user(follower=reader, followee=followee)
    _queries, html = page(as_reader)
    assert 'data-testid="pick-topics"' not in html

    social.unfollow_user(follower=reader, followee=followee)
    _queries, html = page(as_reader)
    assert 'data-testid="pick-topics"' in html


def test_a_picked_topic_ends_the_prompt():
    reader = make_user("basepage_p", region="US", languages=["en"])
    as_reader = client_of(reader)
    assert 'data-testid="pick-topics"' in page(as_reader)[1]
    Topic.objects.get_or_create(name="travel")
    assert pick_topics(user=reader, names=["travel"])
    assert TopicInterest.objects.filter(user=reader).exists()
    assert 'data-testid="pick-topics"' not in page(as_reader)[1]
