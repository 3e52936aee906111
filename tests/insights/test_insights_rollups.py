"""Rollups equal a direct recount on random worlds; a rollup is idempotent and recomputable."""

from datetime import UTC, timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from insights_worlds import BASE, DAYS, build_world, recount, worlds

from crossnote.insights.models import DailyMetric, RolledDay
from crossnote.insights.rollups import Person, is_cross_border, rollup_days, rollup_recent

END = BASE + timedelta(days=DAYS - 1)


def stored() -> dict:
    return {(r.day, r.metric, r.key): r.value for r in DailyMetric.objects.all()}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds)
def test_rollups_equal_a_direct_recount_on_random_worlds(db, world):
    with transaction.atomic():
        build_world(world)
        rollup_days(start=BASE, end=END)
        assert stored() == recount()
        # Idempotent: a second run over part of the range changes nothing.
        rollup_days(start=BASE + timedelta(days=3), end=BASE + timedelta(days=5))
        assert stored() == recount()
        transaction.set_rollback(True)


def test_a_day_is_recomputed_when_its_rows_change(db, mia, lin):
    from crossnote.notes.models import Note

    day = BASE
    note = Note.objects.create(author=mia, title="hello", language="en")
    Note.objects.filter(pk=note.pk).update(created_at=BASE_AT(day))
    rollup_days(start=day, end=day)
    assert DailyMetric.objects.get(day=day, metric="notes_language", key="en").value == 1
    Note.objects.create(author=lin, title="你好", language="zh")
    Note.objects.filter(language="zh").update(created_at=BASE_AT(day))
    rollup_days(start=day, end=day)
    rows = dict(
        DailyMetric.objects.filter(day=day, metric="notes_language").values_list("key", "value")
    )
    assert rows == {"en": 1, "zh": 1}
    assert RolledDay.objects.filter(day=day).exists()


def BASE_AT(day):  # noqa: N802 - a moment on `day`
    from datetime import datetime, time

    return datetime.combine(day, time(12), tzinfo=UTC)


def test_incremental_rollup_resumes_after_the_last_rolled_day(db, mia):
    today = BASE + timedelta(days=20)
    first, last = rollup_recent(today=today, first=BASE)
    assert (first, last) == (BASE, today)
    assert RolledDay.objects.count() == 21
    # The next run redoes only yesterday and today.
    first, last = rollup_recent(today=today + timedelta(days=1))
    assert (first, last) == (today - timedelta(days=1), today + timedelta(days=1))


def test_cross_border_means_other_region_or_no_common_language():
    us_en, cn_zh = Person("US", frozenset({"en"})), Person("CN", frozenset({"zh"}))
    us_zh_en, unknown = Person("US", frozenset({"zh", "en"})), Person("", frozenset())
    assert is_cross_border(us_en, cn_zh)
    assert not is_cross_border(us_en, us_zh_en)  # same region, a shared language
    assert is_cross_border(Person("US", frozenset({"en"})), Person("US", frozenset({"zh"})))
    assert not is_cross_border(us_en, unknown)  # nothing known about the other: not counted
