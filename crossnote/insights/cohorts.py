"""Cohort maths on plain data (no database): retention, cohort grouping, newcomer waves.

Retention of a group of people, each with a sign-up day and the set of days they were active:
- Dn (D1, D7, D30): the share active on exactly day n after signing up (day 0 = sign-up day),
  among those for whom day n has already ended (`as_of` is the last complete day).
- week k (k ≥ 1): the share active on any day from 7k to 7k+6 after signing up, among those
  whose week k has ended. "First-week retention" is week 1 (days 7–13).
A rate with nobody mature enough is None (unknown), never 0.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

DAYS = (1, 7, 30)


def rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def day_retention(joined: dict, active: dict, n: int, as_of: date) -> tuple[int, int]:
    """(retained, eligible) for day n: `joined` maps person → sign-up day, `active` maps person →
    set of active days."""
    eligible = retained = 0
    for person, start in joined.items():
        target = start + timedelta(days=n)
        if target > as_of:
            continue
        eligible += 1
        retained += target in active.get(person, ())
    return retained, eligible


def week_retention(joined: dict, active: dict, k: int, as_of: date) -> tuple[int, int]:
    """(retained, eligible) for week k (days 7k … 7k+6 after sign-up)."""
    eligible = retained = 0
    for person, start in joined.items():
        first = start + timedelta(days=7 * k)
        if first + timedelta(days=6) > as_of:
            continue
        eligible += 1
        days = active.get(person, ())
        retained += any(first + timedelta(days=i) in days for i in range(7))
    return retained, eligible


@dataclass
class Retention:
    size: int
    days: dict[int, float | None]  # n → Dn
    weeks: list[float | None]  # index k-1 → week k


def retention(joined: dict, active: dict, as_of: date, *, weeks: int = 8) -> Retention:
    return Retention(
        size=len(joined),
        days={n: rate(*day_retention(joined, active, n, as_of)) for n in DAYS},
        weeks=[rate(*week_retention(joined, active, k, as_of)) for k in range(1, weeks + 1)],
    )


def week_start(day: date) -> date:
    """The Monday of `day`'s ISO week: cohorts are weeks of sign-ups."""
    return day - timedelta(days=day.weekday())


def weekly_cohorts(joined: dict) -> dict[date, dict]:
    cohorts: dict[date, dict] = defaultdict(dict)
    for person, start in joined.items():
        cohorts[week_start(start)][person] = start
    return dict(sorted(cohorts.items()))


@dataclass
class Wave:
    """Consecutive spike days of sign-ups, with the baseline it stood out from."""

    start: date
    end: date
    peak: int
    signups: int
    baseline: float  # mean daily sign-ups over the baseline days before `start`
    baseline_start: date  # the baseline is [baseline_start, start)
    days: list[date] = field(default_factory=list)


def find_waves(
    daily: dict[date, int],
    *,
    baseline_days: int = 28,
    factor: float = 3.0,
    min_signups: int = 10,
    min_history: int = 7,
) -> list[Wave]:
    """Spikes in daily sign-ups: a day whose count is at least `factor` × the mean of the
    `baseline_days` before it (and at least `min_signups`); spike days at most one day apart
    make one wave, measured against the mean before its first day. Days missing from `daily`
    count as 0; a day with fewer than `min_history` days before it is never a spike."""
    if not daily:
        return []
    first, last = min(daily), max(daily)
    waves: list[Wave] = []
    day = first + timedelta(days=min_history)
    while day <= last:
        before = [
            daily.get(day - timedelta(days=i), 0)
            for i in range(1, baseline_days + 1)
            if day - timedelta(days=i) >= first
        ]
        mean = sum(before) / len(before)
        count = daily.get(day, 0)
        ongoing = bool(waves) and (day - waves[-1].end).days <= 2
        if ongoing:  # a wave's later days are measured against the baseline before it
            mean = waves[-1].baseline
        if count >= min_signups and count >= factor * max(mean, 1.0):
            if ongoing:
                wave = waves[-1]
                wave.end, wave.peak = day, max(wave.peak, count)
                wave.days.append(day)
            else:
                since = max(first, day - timedelta(days=baseline_days))
                waves.append(Wave(day, day, count, 0, mean, since, [day]))
        day += timedelta(days=1)
    for wave in waves:
        wave.signups = sum(
            daily.get(wave.start + timedelta(days=i), 0)
            for i in range((wave.end - wave.start).days + 1)
        )
    return waves


def falls_short(wave: float | None, baseline: float | None, margin: float) -> bool:
    """Whether a wave's retention is below the baseline's by more than `margin` (both known)."""
    return wave is not None and baseline is not None and wave < baseline - margin
