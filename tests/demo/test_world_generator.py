"""The synthetic world (crossnote.demo.world): reproducible from a seed, counters that agree with
the rows, a power-law follower graph, both languages, and the CLI/command entry points."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db.models import Count

from crossnote.accounts.models import User
from crossnote.core.errors import InvalidInput
from crossnote.demo.world import build_world
from crossnote.notes.models import Comment, Note, NoteLike, Topic
from crossnote.social.models import Follow

NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)


def shape(seed):
    """Everything the world holds, with ids relative to its first user and first note."""
    people = User.objects.filter(username__startswith=f"w{seed}_").order_by("pk")
    u0 = people.first().pk
    n0 = Note.objects.filter(author__in=people).order_by("pk").first().pk
    return {
        "people": list(
            people.values_list(
                "username",
                "display_name",
                "region",
                "languages",
                "follower_count",
                "following_count",
                "note_count",
                "date_joined",
            )
        ),
        "follows": sorted(
            (a - u0, b - u0)
            for a, b in Follow.objects.filter(follower__in=people).values_list(
                "follower_id", "followee_id"
            )
        ),
        "notes": [
            (row[0] - n0, row[1] - u0, *row[2:])
            for row in Note.objects.filter(author__in=people)
            .order_by("pk")
            .values_list(
                "pk",
                "author_id",
                "title",
                "body",
                "visibility",
                "like_count",
                "comment_count",
                "moderation",
                "language",
                "created_at",
            )
        ],
        "likes": sorted(
            (u - u0, n - n0, at.isoformat())
            for u, n, at in NoteLike.objects.filter(user__in=people).values_list(
                "user_id", "note_id", "created_at"
            )
        ),
        "comments": sorted(
            (n - n0, a - u0, body, lang)
            for n, a, body, lang in Comment.objects.filter(author__in=people).values_list(
                "note_id", "author_id", "body", "language"
            )
        ),
        "topics": sorted(
            (n - n0, name)
            for n, name in Note.topics.through.objects.filter(note__author__in=people).values_list(
                "note_id", "topic__name"
            )
        ),
    }


@pytest.mark.django_db
def test_same_seed_same_world_and_another_seed_another():
    build_world(users=40, notes=300, seed=7, now=NOW)
    first = shape(7)
    User.objects.filter(username__startswith="w7_").delete()
    build_world(users=40, notes=300, seed=7, now=NOW)
    assert shape(7) == first
    build_world(users=40, notes=300, seed=8, now=NOW)
    other = shape(8)
    assert other["notes"] != first["notes"] and other["follows"] != first["follows"]


@pytest.mark.django_db
def test_counters_agree_with_the_rows():
    world = build_world(users=60, notes=600, seed=3, now=NOW)
    assert world.counts["notes"] == 600 and world.counts["users"] == 60
    likes = dict(
        NoteLike.objects.values("note_id").annotate(n=Count("id")).values_list("note_id", "n")
    )
    comments = dict(
        Comment.objects.values("note_id").annotate(n=Count("id")).values_list("note_id", "n")
    )
    for pk, like_count, comment_count in Note.objects.values_list(
        "pk", "like_count", "comment_count"
    ):
        assert likes.get(pk, 0) == like_count
        assert comments.get(pk, 0) == comment_count
    followers = dict(
        Follow.objects.values("followee_id").annotate(n=Count("id")).values_list("followee_id", "n")
    )
    notes = dict(
        Note.objects.values("author_id").annotate(n=Count("id")).values_list("author_id", "n")
    )
    for user in User.objects.all():
        assert followers.get(user.pk, 0) == user.follower_count
        assert notes.get(user.pk, 0) == user.note_count
    for topic in Topic.objects.all():
        assert topic.notes.count() == topic.note_count
    assert set(Note.objects.values_list("language", flat=True)) == {"zh", "en"}
    assert {"limited", "visible"} <= set(Note.objects.values_list("moderation", flat=True))


@pytest.mark.django_db
def test_follower_counts_follow_a_power_law():
    build_world(users=400, notes=0, seed=2, now=NOW)
    counts = sorted(User.objects.values_list("follower_count", flat=True), reverse=True)
    top_share = sum(counts[:20]) / sum(counts)  # the top 5% of people
    assert top_share > 0.3, top_share
    assert counts[len(counts) // 2] < counts[0] / 10


@pytest.mark.django_db
def test_notes_are_newest_with_the_highest_ids_and_share_a_few_image_files():
    build_world(users=20, notes=200, seed=4, now=NOW)
    stamps = list(Note.objects.order_by("pk").values_list("created_at", flat=True))
    assert stamps == sorted(stamps) and stamps[-1] <= NOW
    files = set(Note.objects.values_list("images__thumb", flat=True))
    assert 1 < len(files) <= 12


@pytest.mark.django_db
def test_bad_sizes_and_a_second_build_of_one_seed_are_refused():
    with pytest.raises(InvalidInput):
        build_world(users=1)
    build_world(users=5, notes=10, seed=9, now=NOW)
    with pytest.raises(InvalidInput, match="seed 9"):
        build_world(users=5, notes=10, seed=9, now=NOW)


@pytest.mark.django_db
def test_demo_command_with_scale_builds_a_world(capsys):
    call_command("demo", scale=12, seed=5)
    out = capsys.readouterr().out
    assert "World built in" in out and "notes 240" in out
    assert Note.objects.count() == 240
