"""The demo loader: a small bilingual community whose counters agree with its rows."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from crossnote.accounts.models import User
from crossnote.demo.services import DEMO_PASSWORD, load_demo
from crossnote.notes.models import Board, Collect, Comment, Note, NoteImage, NoteLike, Topic
from crossnote.social.models import Follow, Notification

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def community(db, media):
    return load_demo(users=6, notes=8, seed=7)


def test_small_demo_creates_people_notes_images_and_activity(community, media):
    assert community["users"] == User.objects.count() == 6
    assert community["notes"] == Note.objects.count() == 8
    assert community["images"] == NoteImage.objects.count() >= 8
    assert all(1 <= n.images.count() <= 4 for n in Note.objects.all())
    assert any(media.rglob("*.webp"))
    assert Follow.objects.count() == community["follows"] > 0
    assert NoteLike.objects.count() == community["likes"] > 0
    assert Comment.objects.count() == community["comments"] > 0
    assert Notification.objects.count() == community["notifications"] > 0
    assert Topic.objects.exists()
    for user in User.objects.all():
        assert re.fullmatch(r"[A-Za-z0-9_]{3,30}", user.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.languages and user.region and user.display_name and user.bio


def test_demo_counters_match_the_rows(community):
    for note in Note.objects.annotate(
        likes_n=Count("likes", distinct=True),
        comments_n=Count("comments", distinct=True),
        collects_n=Count("collects", distinct=True),
    ):
        assert note.like_count == note.likes_n
        assert note.comment_count == note.comments_n
        assert note.collect_count == note.collects_n
    for user in User.objects.all():
        assert user.follower_count == Follow.objects.filter(followee=user).count()
        assert user.following_count == Follow.objects.filter(follower=user).count()
        assert user.note_count == Note.objects.filter(author=user).count()
    for comment in Comment.objects.all():
        assert comment.like_count == comment.likes.count()
    for topic in Topic.objects.all():
        assert topic.note_count == topic.notes.count()
    assert Collect.objects.count() == community["collects"]
    assert Board.objects.count() == community["boards"]


def test_demo_has_chinese_and_english_people_and_notes(community):
    regions = set(User.objects.values_list("region", flat=True))
    assert regions & {"CN", "TW", "HK", "SG"} and regions & {"US", "GB", "CA", "AU"}
    assert any(CJK.search(u.display_name) for u in User.objects.all())
    titles = list(Note.objects.values_list("title", flat=True))
    assert any(CJK.search(t) for t in titles)
    assert any(not CJK.search(t) for t in titles)
    assert all(len(t) <= 100 for t in titles)
    assert all("#" in body for body in Note.objects.values_list("body", flat=True))


def test_demo_activity_is_spread_over_recent_weeks(community):
    now = timezone.now()
    times = list(Note.objects.values_list("created_at", flat=True))
    assert all(now - timedelta(days=61) <= t <= now for t in times)
    assert max(times) - min(times) > timedelta(days=1)
    for comment in Comment.objects.select_related("note", "parent"):
        assert comment.created_at >= comment.note.created_at
        if comment.parent:
            assert comment.created_at >= comment.parent.created_at


def test_same_seed_gives_the_same_notes(db, media):
    load_demo(users=4, notes=4, seed=11)
    first = list(Note.objects.order_by("pk").values_list("title", "body"))
    load_demo(users=4, notes=4, seed=11)  # people get new handles; the titles repeat
    second = list(Note.objects.order_by("pk").values_list("title", "body"))[4:]
    assert [t for t, _b in second] == [t for t, _b in first]
    assert User.objects.count() == 8
    load_demo(users=4, notes=4, seed=12)
    third = list(Note.objects.order_by("pk").values_list("title", flat=True))[8:]
    assert third != [t for t, _b in first]


def test_if_empty_skips_when_notes_exist(db, media):
    assert load_demo(users=2, notes=1, seed=1, if_empty=True)["notes"] == 1
    assert load_demo(users=5, notes=5, seed=1, if_empty=True) == {"skipped": True}
    assert Note.objects.count() == 1
    assert User.objects.count() == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [({"users": 0}, "--users must be at least 2"), ({"notes": 0}, "--notes must be at least 1")],
)
def test_demo_command_rejects_too_small_a_community(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("demo", **options)
    assert not User.objects.exists()


def test_demo_command_prints_progress_and_summary(db, media):
    out = io.StringIO()
    call_command("demo", "--users", "3", "--notes", "2", "--seed", "5", stdout=out)
    text = out.getvalue()
    assert "users 3/3" in text
    assert "notes 2/2" in text
    assert "Demo loaded" in text and "notes 2," in text
    out = io.StringIO()
    call_command("demo", users=3, notes=2, if_empty=True, stdout=out)
    assert "demo not loaded" in out.getvalue()
    assert Note.objects.count() == 2
