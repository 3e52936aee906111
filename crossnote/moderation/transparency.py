"""The public transparency report (in the spirit of the EU DSA Art. 15 and 24): what moderation
did, by whom (automated or human), how appeals went, how fast people decided, and how often
they agreed with the AI. Counts only: never content, never who was moderated.

The numbers only (a read, like crossnote.moderation.selectors): the page draws them as
server-side SVG bars (presenters.month_chart, views.transparency_page).
"""

from collections import Counter
from datetime import UTC, datetime, timedelta
from statistics import median
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy

from crossnote.moderation.categories import category_name
from crossnote.moderation.models import Action, Appeal, Decision, ReviewItem, Withholding
from crossnote.moderation.selectors import agreement_stats

MAX_MONTHS = 36


def _month_starts(now: datetime, months: int) -> list[datetime]:
    """The first instant of each of the last `months` calendar months (UTC), oldest first."""
    starts = []
    year, month = now.year, now.month
    for _ in range(months):
        starts.append(now.replace(year=year, month=month, day=1, hour=0, minute=0, second=0))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [start.replace(microsecond=0) for start in reversed(starts)]


def _within(window: tuple[datetime, datetime], field: str) -> dict:
    return {f"{field}__gte": window[0], f"{field}__lt": window[1]}


def _key(moment: datetime) -> str:
    return f"{moment:%Y-%m}"


def transparency_report(months: int = 12, *, now: datetime | None = None) -> dict:
    """Every number on the transparency page, for the last `months` calendar months.

    Actions are decisions that restricted something (not "allow"), counted once: an appeal's
    decision is counted under appeals, not again as an action."""
    months = max(1, min(int(months), MAX_MONTHS))
    now = timezone.localtime(now or timezone.now(), UTC)
    starts = _month_starts(now, months)
    since = starts[0]
    # Up to the end of this month: a row written after `now` must not fall outside the months.
    until = _month_starts(now.replace(day=28) + timedelta(days=4), 1)[0]
    window = (since, until)
    agreement = agreement_stats(since=since, until=until)
    for row in agreement["by_category"]:
        row["name"] = _name(row["key"], category_name)
    return {
        "since": since.date().isoformat(),
        "months": [_key(s) for s in starts],
        "actions": _actions(window, starts, category_name),
        "appeals": _appeals(window),
        "time_to_decision": _time_to_decision(window),
        "withholdings_by_region": _withholdings(window),
        "agreement": agreement,
    }


def _action_rows(window):
    """(month, category, automated, n) for every restricting decision in the window. A decision
    recorded without a category (older automated ones, bulk imports) is counted under the
    category of the policy that acted, else of the signal that triggered it."""
    # A moderator who withholds writes two decisions in one step, theirs (with the facts) and
    # the withholding's record (regions, legal basis): one action, counted once. A withholding
    # recorded on its own (a legal order, no moderator's decision before it) still counts.
    # (The record names no moderator; its withholding says who made it.)
    companion = Decision.objects.filter(
        kind=OuterRef("kind"),
        object_id=OuterRef("object_id"),
        moderator=OuterRef("withholding__created_by"),
        action=Action.WITHHOLD,
        on_appeal=False,
        withholding__isnull=True,
        pk__lt=OuterRef("pk"),
    )
    decisions = (
        Decision.objects.filter(**_within(window, "created_at"), on_appeal=False)
        .exclude(action=Action.ALLOW)
        .exclude(Q(withholding__isnull=False) & Exists(companion))
        .order_by()
        .annotate(month=TruncMonth("created_at", tzinfo=UTC))
    )
    yield from (
        decisions.exclude(category="")
        .values("month", "category", "automated")
        .annotate(n=Count("pk"))
    )
    uncategorised = decisions.filter(category="").values_list(
        "month", "automated", "policy__category", "signals"
    )
    counts: Counter = Counter()
    for month, automated, policy_category, signals in uncategorised.iterator():
        counts[(month, _category_of(policy_category, signals), automated)] += 1
    for (month, category, automated), n in counts.items():
        yield {"month": month, "category": category, "automated": automated, "n": n}


def _category_of(policy_category, signals) -> str:
    if policy_category:
        return policy_category
    for signal in signals if isinstance(signals, list) else []:
        if isinstance(signal, dict) and signal.get("category"):
            return signal["category"]
    return ""


def _actions(window, starts, category_name) -> dict:
    rows = _action_rows(window)
    by_month: dict[str, dict[str, Any]] = {
        _key(s): {"month": _key(s), "automated": 0, "human": 0, "total": 0, "categories": {}}
        for s in starts
    }
    by_category: dict[str, dict] = {}
    for row in rows:
        how = "automated" if row["automated"] else "human"
        slug = row["category"] or ""
        month = by_month[_key(row["month"])]
        month[how] += row["n"]
        month["total"] += row["n"]
        month["categories"][slug] = month["categories"].get(slug, 0) + row["n"]
        cat = by_category.setdefault(slug, {"category": slug, "automated": 0, "human": 0})
        cat[how] += row["n"]
    for cat in by_category.values():
        cat.update(
            name=_name(cat["category"], category_name), total=cat["automated"] + cat["human"]
        )
    months = list(by_month.values())
    for month in months:
        month["categories"] = [
            {"category": slug, "name": _name(slug, category_name), "n": n}
            for slug, n in sorted(month["categories"].items(), key=_by_count)
        ]
    return {
        "total": sum(m["total"] for m in months),
        "automated": sum(m["automated"] for m in months),
        "human": sum(m["human"] for m in months),
        "by_month": months,
        "by_category": sorted(by_category.values(), key=lambda c: (-c["total"], c["category"])),
    }


def _name(slug: str, category_name) -> str:
    return category_name(slug) if slug else str(gettext_lazy("uncategorised"))


def _appeals(window) -> dict:
    counts = dict(
        Appeal.objects.filter(**_within(window, "created_at"))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    upheld = counts.get(Appeal.Status.UPHELD, 0)
    reversed_ = counts.get(Appeal.Status.REVERSED, 0)
    decided = upheld + reversed_
    return {
        "total": sum(counts.values()),
        "open": counts.get(Appeal.Status.OPEN, 0),
        "upheld": upheld,
        "reversed": reversed_,
        "reversal_rate": round(reversed_ / decided, 4) if decided else None,
    }


def _time_to_decision(window) -> dict:
    """Median hours from an item entering the review queue to a human deciding it."""
    rows = ReviewItem.objects.filter(
        status=ReviewItem.Status.DECIDED, **_within(window, "decided_at")
    ).values_list("source", "created_at", "decided_at")
    hours: dict[str, list[float]] = {}
    for source, created, decided in rows:
        if decided is None:  # decided items have their time (the filter is on it)
            continue
        hours.setdefault(source, []).append((decided - created).total_seconds() / 3600)
    everything = [h for values in hours.values() for h in values]

    def summary(values):
        return {"n": len(values), "median_hours": round(median(values), 2) if values else None}

    return {
        **summary(everything),
        "by_source": [
            {"source": source, "name": str(ReviewItem.Source(source).label), **summary(values)}
            for source, values in sorted(hours.items())
            if source in ReviewItem.Source.values
        ],
    }


def _withholdings(window) -> list[dict]:
    counts: Counter = Counter()
    for regions in Withholding.objects.filter(**_within(window, "created_at")).values_list(
        "regions", flat=True
    ):
        counts.update(str(region).upper() for region in regions or [])
    return [{"region": region, "n": n} for region, n in sorted(counts.items(), key=_by_count)]


def _by_count(item):
    return (-item[1], item[0])
