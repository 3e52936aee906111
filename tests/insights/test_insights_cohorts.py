"""Cohort maths on hand-built cases: Dn and weekly retention, maturity, waves and alerts."""

from datetime import date, timedelta

import pytest

from crossnote.insights import cohorts

D = date(2025, 1, 6)  # a Monday


def days(*offsets, start=D):
    return {start + timedelta(days=o) for o in offsets}


def test_day_n_retention_counts_activity_on_exactly_day_n():
    joined = {1: D, 2: D, 3: D, 4: D}
    active = {1: days(0, 1, 7), 2: days(0, 2), 3: days(1, 30), 4: set()}
    as_of = D + timedelta(days=40)
    r = cohorts.retention(joined, active, as_of)
    assert r.days == {1: 0.5, 7: 0.25, 30: 0.25}
    assert r.size == 4


def test_immature_people_are_left_out_not_counted_as_lost():
    joined = {1: D, 2: D + timedelta(days=5)}
    active = {1: days(1), 2: days(6)}
    # On D+3 only person 1 has a finished day 1; person 2 joined later.
    assert cohorts.day_retention(joined, active, 1, D + timedelta(days=3)) == (1, 1)
    assert cohorts.day_retention(joined, active, 1, D + timedelta(days=6)) == (2, 2)
    r = cohorts.retention(joined, active, D + timedelta(days=6))
    assert r.days[7] is None and r.weeks[0] is None


def test_week_k_is_any_activity_on_days_7k_to_7k_plus_6():
    joined = {1: D, 2: D, 3: D}
    active = {1: days(13), 2: days(14), 3: days(6)}
    as_of = D + timedelta(days=21)
    assert cohorts.week_retention(joined, active, 1, as_of) == (1, 3)  # only day 13 is week 1
    assert cohorts.week_retention(joined, active, 2, as_of) == (1, 3)  # days 14..20
    assert cohorts.week_retention(joined, active, 2, D + timedelta(days=19)) == (0, 0)  # unfinished


def test_weekly_cohorts_group_by_the_monday_of_sign_up():
    joined = {1: D, 2: D + timedelta(days=6), 3: D + timedelta(days=7)}
    groups = cohorts.weekly_cohorts(joined)
    assert list(groups) == [D, D + timedelta(days=7)]
    assert set(groups[D]) == {1, 2}


def _series(base: int, spike: dict[int, int], length=60) -> dict:
    return {D + timedelta(days=i): spike.get(i, base) for i in range(length)}


def test_a_spike_of_sign_ups_is_one_wave_with_its_baseline():
    daily = _series(4, {40: 30, 41: 50, 42: 20, 44: 14})
    [wave] = cohorts.find_waves(daily, baseline_days=28, factor=3.0)
    assert (wave.start, wave.end) == (D + timedelta(days=40), D + timedelta(days=44))
    assert wave.peak == 50
    assert wave.signups == 30 + 50 + 20 + 4 + 14
    assert wave.baseline == pytest.approx(4.0)
    assert wave.baseline_start == D + timedelta(days=12)


def test_steady_growth_and_small_numbers_are_not_waves():
    assert cohorts.find_waves({D + timedelta(days=i): i for i in range(60)}) == []
    assert cohorts.find_waves(_series(0, {30: 3})) == []  # below min_signups
    assert cohorts.find_waves({}) == []


def test_falls_short_needs_both_rates_and_the_margin():
    assert cohorts.falls_short(0.2, 0.4, 0.1)
    assert not cohorts.falls_short(0.35, 0.4, 0.1)
    assert not cohorts.falls_short(None, 0.4, 0.1)
    assert not cohorts.falls_short(0.1, None, 0.1)
