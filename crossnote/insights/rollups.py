"""Daily rollups: each UTC day's figures counted from the source rows and stored in DailyMetric.

A day is always recomputed whole (its rows deleted and written again in one transaction), so a
rollup is idempotent and any range can be recomputed (`crossnote insights rollup --from --to`).
The periodic task (tasks.rollup_recent) is incremental: it resumes after the last rolled day and
always redoes yesterday and today, which late rows may still change.

Definitions (docs/using/insights.md):
- active: a person who posted a note, commented, liked a note or comment, followed someone or
  logged in that day, or used the site while logged in (ActiveDay rows from the middleware).
  DAU counts them per day; WAU counts distinct people over the 7 days ending that day.
- interaction: a comment on someone else's note, a reply to someone else's comment, a like of
  someone else's note or comment, a follow. It is cross-border when the two people's regions
  differ (both set) or their languages do (both set, none in common).
- moderation actions: decisions other than automated "allow" (a human allow is a reversal).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone

from crossnote.accounts.models import User
from crossnote.insights.models import ActiveDay, DailyMetric, RolledDay, TranslationTally
from crossnote.moderation.models import Decision
from crossnote.notes.models import Comment, CommentLike, Note, NoteLike
from crossnote.privacy.models import LoginEvent
from crossnote.social.models import Follow

UNKNOWN = "und"  # a row without a language
NO_REGION = "--"
CHUNK = 900  # ids per IN (...) query: under SQLite's old 999-parameter limit


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


@dataclass(frozen=True)
class Person:
    region: str
    languages: frozenset


def is_cross_border(a: Person, b: Person) -> bool:
    """Two people's regions differ (both known) or they share no language (both known)."""
    if a.region and b.region and a.region != b.region:
        return True
    return bool(a.languages and b.languages and not a.languages & b.languages)


def primary_language(languages) -> str:
    return languages[0] if languages else UNKNOWN


def _people(ids) -> dict[int, Person]:
    ids, found = list(ids), {}
    for i in range(0, len(ids), CHUNK):
        rows = User.objects.filter(pk__in=ids[i : i + CHUNK]).values_list(
            "pk", "region", "languages"
        )
        for pk, region, languages in rows:
            found[pk] = Person(str(region or ""), frozenset(languages or []))
    return found


def interactions_on(day: date) -> list[tuple[str, int, int]]:
    """(kind, actor id, other person's id) of every interaction of `day` between two people."""
    start, end = day_bounds(day)
    span = {"created_at__gte": start, "created_at__lt": end}
    comments = Comment.objects.filter(**span)
    found = [
        ("comment", a, b)
        for a, b in comments.filter(parent__isnull=True).values_list("author_id", "note__author_id")
    ]
    found += [
        ("reply", a, b)
        for a, b in comments.filter(parent__isnull=False)
        .annotate(other=Coalesce("reply_to_id", "parent__author_id"))
        .values_list("author_id", "other")
    ]
    found += [
        ("like", a, b)
        for a, b in NoteLike.objects.filter(**span).values_list("user_id", "note__author_id")
    ]
    found += [
        ("like", a, b)
        for a, b in CommentLike.objects.filter(**span).values_list("user_id", "comment__author_id")
    ]
    found += [
        ("follow", a, b)
        for a, b in Follow.objects.filter(**span).values_list("follower_id", "followee_id")
    ]
    return [(kind, a, b) for kind, a, b in found if b is not None and a != b]


def actors_on(day: date) -> set[int]:
    """Everyone who did something that counts as activity on `day` (module docstring)."""
    start, end = day_bounds(day)
    span = {"created_at__gte": start, "created_at__lt": end}
    ids: set[int] = set()
    for model, field in (
        (Note, "author_id"),
        (Comment, "author_id"),
        (NoteLike, "user_id"),
        (CommentLike, "user_id"),
        (Follow, "follower_id"),
    ):
        ids.update(model.objects.filter(**span).values_list(field, flat=True).distinct())
    ids.update(
        LoginEvent.objects.filter(at__gte=start, at__lt=end)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return ids


def record_activity(days: list[date]) -> int:
    """Upsert ActiveDay rows for everyone active on `days`; returns how many were new or kept."""
    rows = [ActiveDay(user_id=uid, day=day) for day in days for uid in actors_on(day)]
    ActiveDay.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def _by(queryset, field: str, metric: str, day: date, *, blank: str = UNKNOWN) -> list:
    counts: Counter = Counter()
    for value, n in queryset.values_list(field).annotate(n=Count("pk")).order_by():
        counts[str(value or blank)] += n
    return [DailyMetric(day=day, metric=metric, key=k, value=n) for k, n in counts.items()]


def _signups(day: date) -> list[DailyMetric]:
    start, end = day_bounds(day)
    joined = User.objects.filter(date_joined__gte=start, date_joined__lt=end)
    rows = _by(joined, "region", "signups_region", day, blank=NO_REGION)
    languages = Counter(primary_language(ls) for ls in joined.values_list("languages", flat=True))
    rows += [
        DailyMetric(day=day, metric="signups_language", key=k, value=n)
        for k, n in languages.items()
    ]
    return rows


def _content(day: date) -> list[DailyMetric]:
    start, end = day_bounds(day)
    span = {"created_at__gte": start, "created_at__lt": end}
    rows = _by(Note.objects.filter(**span), "language", "notes_language", day)
    rows += _by(Comment.objects.filter(**span), "language", "comments_language", day)
    likes: Counter = Counter()
    for qs, field in (
        (NoteLike.objects.filter(**span), "note__language"),
        (CommentLike.objects.filter(**span), "comment__language"),
    ):
        for value, n in qs.values_list(field).annotate(n=Count("pk")).order_by():
            likes[value or UNKNOWN] += n
    rows += [
        DailyMetric(day=day, metric="likes_language", key=k, value=n) for k, n in likes.items()
    ]
    return rows


def _interactions(day: date) -> list[DailyMetric]:
    found = interactions_on(day)
    people = _people({a for _k, a, _b in found} | {b for _k, _a, b in found})
    total: Counter = Counter()
    cross: Counter = Counter()
    for kind, a, b in found:
        if a not in people or b not in people:
            continue
        total[kind] += 1
        if is_cross_border(people[a], people[b]):
            cross[kind] += 1
    return [
        DailyMetric(day=day, metric=metric, key=k, value=n)
        for metric, counter in (("interactions", total), ("cross_border", cross))
        for k, n in counter.items()
    ]


def _active(day: date) -> list[DailyMetric]:
    dau = ActiveDay.objects.filter(day=day).count()
    wau = (
        ActiveDay.objects.filter(day__gt=day - timedelta(days=7), day__lte=day)
        .values("user_id")
        .distinct()
        .count()
    )
    return [
        DailyMetric(day=day, metric="dau", key="", value=dau),
        DailyMetric(day=day, metric="wau", key="", value=wau),
    ]


def _translations(day: date) -> list[DailyMetric]:
    return [
        DailyMetric(day=day, metric="translations", key=f"{s}>{t}", value=n)
        for s, t, n in TranslationTally.objects.filter(day=day).values_list(
            "source", "target", "count"
        )
        if n
    ]


def _moderation(day: date) -> list[DailyMetric]:
    start, end = day_bounds(day)
    decisions = Decision.objects.filter(created_at__gte=start, created_at__lt=end).exclude(
        action="allow", automated=True
    )
    return _by(decisions, "action", "moderation", day)


def compute_day(day: date) -> list[DailyMetric]:
    """Every figure of `day` (activity must already be recorded for the 7 days ending it)."""
    rows = []
    for part in (_signups, _content, _interactions, _active, _translations, _moderation):
        rows += part(day)
    return [row for row in rows if row.value]


def rollup_days(*, start: date, end: date) -> int:
    """Recompute every day from `start` to `end` (inclusive); returns how many rows were written."""
    if end < start:
        start, end = end, start
    # WAU needs the activity of the 6 days before `start` too; a day already rolled up has its
    # activity recorded (it was recorded when it was rolled), so only the others are redone.
    week_before = days_between(start - timedelta(days=6), start - timedelta(days=1))
    rolled = set(RolledDay.objects.filter(day__in=week_before).values_list("day", flat=True))
    record_activity([d for d in week_before if d not in rolled] + days_between(start, end))
    written = 0
    for day in days_between(start, end):
        rows = compute_day(day)
        with transaction.atomic():
            DailyMetric.objects.filter(day=day).delete()
            DailyMetric.objects.bulk_create(rows, batch_size=1000)
            RolledDay.objects.update_or_create(day=day, defaults={"computed_at": timezone.now()})
        written += len(rows)
    return written


def rollup_recent(*, today: date | None = None, first: date | None = None) -> tuple[date, date]:
    """Incremental rollup: from the day before the last rolled one (or `first`, or 30 days ago on
    a fresh install) through today. Returns the range computed."""
    today = today or timezone.now().date()
    last = RolledDay.objects.order_by("-day").values_list("day", flat=True).first()
    if last is not None:
        start = min(last, today) - timedelta(days=1)
    else:
        start = first or today - timedelta(days=30)
    rollup_days(start=start, end=today)
    return start, today
