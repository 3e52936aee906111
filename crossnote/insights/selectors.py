"""Reads for the insights pages, API and CLI: rolled-up series, cohorts and newcomer waves."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from crossnote.accounts.models import User
from crossnote.insights import cohorts
from crossnote.insights.models import ActiveDay, DailyMetric, InsightsSettings
from crossnote.insights.rollups import UNKNOWN, day_bounds, days_between, primary_language


def last_complete_day() -> date:
    """Retention counts only days that have ended: yesterday (UTC)."""
    return timezone.now().date() - timedelta(days=1)


def metric_series(metric: str, start: date, end: date) -> dict[str, list[int]]:
    """key → one value per day from `start` to `end` (0 where nothing was rolled up)."""
    days = days_between(start, end)
    index = {day: i for i, day in enumerate(days)}
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(days))
    rows = DailyMetric.objects.filter(metric=metric, day__gte=start, day__lte=end)
    for day, key, value in rows.values_list("day", "key", "value"):
        series[key][index[day]] = value
    return dict(series)


def metric_total(metric: str, start: date, end: date) -> list[int]:
    """The metric summed over its keys, one value per day."""
    series = metric_series(metric, start, end)
    length = (end - start).days + 1
    return [sum(values[i] for values in series.values()) for i in range(length)]


def daily_signups(start: date, end: date, *, region: str | None = None) -> dict[date, int]:
    """Sign-ups per UTC day straight from the accounts (exact even before a rollup ran)."""
    since, _ = day_bounds(start)
    _, until = day_bounds(end)
    people = User.objects.filter(date_joined__gte=since, date_joined__lt=until)
    if region:
        people = people.filter(region=region)
    rows = (
        people.annotate(d=TruncDate("date_joined"))
        .values("d")
        .annotate(n=Count("pk"))
        .values_list("d", "n")
        .order_by()
    )
    counts = {day: 0 for day in days_between(start, end)}
    for day, n in rows:
        counts[day] = counts.get(day, 0) + n
    return counts


@dataclass
class Members:
    """People who signed up in a range: sign-up day, primary language, and active days."""

    joined: dict[int, date]
    language: dict[int, str]
    active: dict[int, set[date]]

    def only(self, language: str) -> dict[int, date]:
        return {p: d for p, d in self.joined.items() if self.language[p] == language}


def members(start: date, end: date, *, region: str | None = None) -> Members:
    since, _ = day_bounds(start)
    _, until = day_bounds(end)
    people = User.objects.filter(date_joined__gte=since, date_joined__lt=until)
    if region:
        people = people.filter(region=region)
    joined, language = {}, {}
    for pk, at, languages in people.values_list("pk", "date_joined", "languages"):
        joined[pk] = at.astimezone(UTC).date()
        language[pk] = primary_language(languages)
    active: dict[int, set[date]] = defaultdict(set)
    ids = list(joined)
    for i in range(0, len(ids), 900):
        for pk, day in ActiveDay.objects.filter(user_id__in=ids[i : i + 900]).values_list(
            "user_id", "day"
        ):
            active[pk].add(day)
    return Members(joined, language, dict(active))


@dataclass
class CohortRow:
    week: date
    retention: cohorts.Retention


def cohort_table(
    start: date, end: date, *, region: str | None = None, weeks: int = 8
) -> list[CohortRow]:
    """Weekly sign-up cohorts between `start` and `end` with their retention."""
    found = members(start, end, region=region)
    as_of = last_complete_day()
    return [
        CohortRow(week, cohorts.retention(group, found.active, as_of, weeks=weeks))
        for week, group in cohorts.weekly_cohorts(found.joined).items()
    ]


@dataclass
class WaveLanguage:
    language: str  # "" = everyone
    wave: cohorts.Retention
    baseline: cohorts.Retention

    @property
    def pairs(self) -> list[tuple]:
        """(wave, baseline) for D1, D7, D30 and the first week, in table order."""
        days = [(self.wave.days[n], self.baseline.days[n]) for n in cohorts.DAYS]
        first = (self.wave.weeks or [None])[0], (self.baseline.weeks or [None])[0]
        return [*days, first]


@dataclass
class WaveView:
    wave: cohorts.Wave
    rows: list[WaveLanguage]

    @property
    def everyone(self) -> WaveLanguage:
        return self.rows[0]


def waves(start: date, end: date, *, weeks: int = 8, min_group: int = 5) -> list[WaveView]:
    """Newcomer waves in sign-ups between `start` and `end`, each compared with its baseline
    cohort (who joined in the baseline days before it), for everyone and by language (groups of
    at least `min_group` people on both sides)."""
    choice = InsightsSettings.current()
    history_start = start - timedelta(days=choice.baseline_days)
    daily = daily_signups(history_start, end)
    found = cohorts.find_waves(
        daily, baseline_days=choice.baseline_days, factor=choice.spike_factor
    )
    as_of = last_complete_day()
    views = []
    for wave in found:
        if wave.end < start:
            continue
        both = members(wave.baseline_start, wave.end)
        in_wave = {p: d for p, d in both.joined.items() if d >= wave.start}
        before = {p: d for p, d in both.joined.items() if d < wave.start}
        rows = [
            WaveLanguage(
                "",
                cohorts.retention(in_wave, both.active, as_of, weeks=weeks),
                cohorts.retention(before, both.active, as_of, weeks=weeks),
            )
        ]
        by_language = sorted({both.language[p] for p in in_wave}, key=lambda c: (c == UNKNOWN, c))
        for code in by_language:
            mine = {p: d for p, d in in_wave.items() if both.language[p] == code}
            theirs = {p: d for p, d in before.items() if both.language[p] == code}
            if len(mine) >= min_group and len(theirs) >= min_group:
                rows.append(
                    WaveLanguage(
                        code,
                        cohorts.retention(mine, both.active, as_of, weeks=weeks),
                        cohorts.retention(theirs, both.active, as_of, weeks=weeks),
                    )
                )
        views.append(WaveView(wave, rows))
    return views


def open_alerts():
    from crossnote.insights.models import WaveAlert

    return WaveAlert.objects.filter(dismissed=False)


def period_summary(start: date, end: date) -> dict:
    """Headline figures of a period, from the rollups."""
    dau = metric_total("dau", start, end)
    wau = metric_total("wau", start, end)
    interactions = sum(metric_total("interactions", start, end))
    cross = sum(metric_total("cross_border", start, end))
    return {
        "signups": sum(metric_total("signups_region", start, end)),
        "mean_dau": round(sum(dau) / len(dau), 1) if dau else 0,
        "last_wau": wau[-1] if wau else 0,
        "interactions": interactions,
        "cross_border": cross,
        "cross_border_share": cross / interactions if interactions else None,
        "translations": sum(metric_total("translations", start, end)),
        "moderation": sum(metric_total("moderation", start, end)),
        "notes": sum(metric_total("notes_language", start, end)),
    }
