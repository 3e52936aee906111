"""Relative times that read naturally in every interface language ("5 minutes ago", "3 周前").

Django's naturaltime strings two units together ("1 month, 3 weeks ago", in Chinese "1 月，3 周前")
and says "0 minutes" for a moment ago; Crossnote shows one unit and "just now". A past moment is
rounded down (a note posted 6 days 23 hours ago was not posted a week ago); a future one to the
nearest unit, since a future moment is set a whole span ahead and read a little later: an export link
kept 7 days, shown a second after it was made, expires "in 7 days", not "in 6 days". A deadline is
told in days up to two weeks ("in 10 days", where "in 1 week" would be 3 days out).
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext, ngettext

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def _unit(seconds: int) -> tuple[str, int]:
    """The one unit a span of `seconds` (≥ a minute) is told in, and how many of it."""
    days = seconds // DAY
    if seconds < HOUR:
        return "minute", seconds // MINUTE
    if seconds < DAY:
        return "hour", seconds // HOUR
    if days < 7:
        return "day", days
    if days < 30:
        return "week", days // 7
    if days < 365:
        return "month", min(days // 30, 11)
    return "year", days // 365


def _unit_ahead(seconds: int) -> tuple[str, int]:
    """The one unit a span of `seconds` ahead (≥ a minute) is told in, rounded to the nearest."""
    minutes = _nearest(seconds, MINUTE)
    if minutes < 60:
        return "minute", minutes
    hours = _nearest(seconds, HOUR)
    if hours < 24:
        return "hour", hours
    days = _nearest(seconds, DAY)
    if days < 14:
        return "day", days
    if days < 30:
        return "week", _nearest(days, 7)
    if _nearest(days, 30) < 12:
        return "month", _nearest(days, 30)
    return "year", _nearest(days, 365)


def _nearest(amount: int, unit: int) -> int:
    """`amount` in whole `unit`s, halves rounded up (never to 0: the callers start at one unit)."""
    return max((2 * amount + unit) // (2 * unit), 1)


def _ago(unit: str, count: int) -> str:
    forms = {
        "minute": ngettext("%(count)d minute ago", "%(count)d minutes ago", count),
        "hour": ngettext("%(count)d hour ago", "%(count)d hours ago", count),
        "day": ngettext("%(count)d day ago", "%(count)d days ago", count),
        "week": ngettext("%(count)d week ago", "%(count)d weeks ago", count),
        "month": ngettext("%(count)d month ago", "%(count)d months ago", count),
        "year": ngettext("%(count)d year ago", "%(count)d years ago", count),
    }
    return forms[unit] % {"count": count}


def _from_now(unit: str, count: int) -> str:
    forms = {
        "minute": ngettext("in %(count)d minute", "in %(count)d minutes", count),
        "hour": ngettext("in %(count)d hour", "in %(count)d hours", count),
        "day": ngettext("in %(count)d day", "in %(count)d days", count),
        "week": ngettext("in %(count)d week", "in %(count)d weeks", count),
        "month": ngettext("in %(count)d month", "in %(count)d months", count),
        "year": ngettext("in %(count)d year", "in %(count)d years", count),
    }
    return forms[unit] % {"count": count}


def relative_moment(value: datetime | None, now: datetime | None = None) -> tuple:
    """Which text relative_time tells `value` in at `now`, without building it: () for None,
    (past,) within a minute ("just now", "in a moment"), else (past, unit, count). A cache key
    holding it changes when the shown time does, and only then (the note page's comments)."""
    if value is None:
        return ()
    now = now or timezone.now()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    seconds = int((now - value).total_seconds())
    if abs(seconds) < MINUTE:
        return (seconds >= 0,)
    if seconds < 0:
        return (False, *_unit_ahead(-seconds))
    return (True, *_unit(seconds))


def relative_time(value: datetime | None, now: datetime | None = None) -> str:
    """`value` told from `now` in one unit: "just now", "5 minutes ago", "in 3 days"; "" for
    None. Naive datetimes are taken as in the current time zone."""
    moment = relative_moment(value, now)
    if not moment:
        return ""
    if len(moment) == 1:
        return gettext("just now") if moment[0] else gettext("in a moment")
    past, unit, count = moment
    return _ago(unit, count) if past else _from_now(unit, count)
