"""The named charts of the insights pages, API and CLI, built from the selectors (one place, so
the page, the CSV, the JSON and the PNG of a chart always agree)."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossnote.accounts.models import SPOKEN_LANGUAGES
from crossnote.core.errors import NotFound
from crossnote.insights import selectors
from crossnote.insights.charts import Chart, Series, top_series
from crossnote.insights.rollups import NO_REGION, UNKNOWN, days_between

# name → (title, what the y axis counts); in page order. Titles are lazy: drawn in the
# reader's language.
CHARTS = {
    "signups_region": gettext_lazy("Sign-ups by region"),
    "signups_language": gettext_lazy("Sign-ups by language"),
    "active_users": gettext_lazy("Active people (daily and weekly)"),
    "notes_language": gettext_lazy("Notes per day by language"),
    "comments_language": gettext_lazy("Comments per day by language"),
    "likes_language": gettext_lazy("Likes per day by language"),
    "cross_border": gettext_lazy("Cross-border interactions per day"),
    "cross_border_share": gettext_lazy("Share of interactions that cross borders"),
    "translations": gettext_lazy("Translations requested by language pair"),
    "moderation": gettext_lazy("Moderation actions per day"),
    "retention": gettext_lazy("Weekly retention of sign-up cohorts"),
    "wave": gettext_lazy("Newcomer wave against its baseline: weekly retention"),
}
PUBLIC_CHARTS = ["signups_language", "active_users", "cross_border_share"]
RETENTION_WEEKS = 8


def _language_labels() -> dict:
    return {**dict(SPOKEN_LANGUAGES), UNKNOWN: _("Unknown"), "mix": _("Mixed")}


def _kind_labels() -> dict:
    return {
        "comment": _("Comments"),
        "reply": _("Replies"),
        "like": _("Likes"),
        "follow": _("Follows"),
    }


def _action_labels() -> dict:
    return {
        "allow": _("Restored"),
        "label": _("Labelled"),
        "limit": _("Limited"),
        "withhold": _("Withheld"),
        "hold": _("Held"),
        "remove": _("Removed"),
    }


def _per_day(name: str, start: date, end: date, metric: str, labels: dict, y_label: str) -> Chart:
    return Chart(
        name=name,
        title=str(CHARTS[name]),
        kind="area",
        x=days_between(start, end),
        series=top_series(selectors.metric_series(metric, start, end), labels, _("Other")),
        x_label=_("Day (UTC)"),
        y_label=y_label,
        empty_text=_("Nothing in this period yet."),
    )


def _active(start: date, end: date) -> Chart:
    return Chart(
        name="active_users",
        title=str(CHARTS["active_users"]),
        kind="line",
        x=days_between(start, end),
        series=[
            Series(_("Daily active"), selectors.metric_total("dau", start, end)),
            Series(_("Weekly active"), selectors.metric_total("wau", start, end)),
        ],
        x_label=_("Day (UTC)"),
        y_label=_("People"),
        empty_text=_("Nothing in this period yet."),
    )


def _share(start: date, end: date) -> Chart:
    total = selectors.metric_total("interactions", start, end)
    cross = selectors.metric_total("cross_border", start, end)
    return Chart(
        name="cross_border_share",
        title=str(CHARTS["cross_border_share"]),
        kind="line",
        x=days_between(start, end),
        series=[
            Series(
                _("Cross-border share"),
                [c / t if t else None for c, t in zip(cross, total, strict=True)],
            )
        ],
        x_label=_("Day (UTC)"),
        y_label=_("Share of interactions"),
        percent=True,
        empty_text=_("Nothing in this period yet."),
    )


def _retention(start: date, end: date, region: str | None) -> Chart:
    # The heat-map keeps the latest 26 weekly cohorts readable; the page's cohort table and
    # /api/v1/insights/cohorts have them all.
    rows = selectors.cohort_table(start, end, region=region, weeks=RETENTION_WEEKS)[-26:]
    return Chart(
        name="retention",
        title=str(CHARTS["retention"]),
        kind="heatmap",
        x=[_("W%(n)s") % {"n": k} for k in range(1, RETENTION_WEEKS + 1)],
        series=[
            Series(f"{row.week:%m-%d} ({row.retention.size})", row.retention.weeks) for row in rows
        ],
        x_label=_("Weeks after sign-up"),
        row_label=_("Cohort (week of sign-up, people)"),
        percent=True,
        empty_text=_("No sign-ups in this period."),
    )


def _wave(start: date, end: date) -> Chart:
    views = selectors.waves(start, end, weeks=RETENTION_WEEKS)
    series = []
    if views:
        labels = _language_labels()
        for row in views[-1].rows[:3]:
            who = labels.get(row.language, row.language) if row.language else _("everyone")
            series.append(Series(_("Wave · %(who)s") % {"who": who}, row.wave.weeks))
            series.append(Series(_("Before · %(who)s") % {"who": who}, row.baseline.weeks))
    return Chart(
        name="wave",
        title=str(CHARTS["wave"]),
        kind="line",
        x=[_("W%(n)s") % {"n": k} for k in range(1, RETENTION_WEEKS + 1)],
        series=series,
        x_label=_("Weeks after sign-up"),
        y_label=_("Retained"),
        percent=True,
        empty_text=_("No newcomer wave in this period."),
    )


def build_chart(name: str, start: date, end: date, *, region: str | None = None) -> Chart:
    """The chart `name` for the days from `start` to `end`; NotFound for an unknown name."""
    languages = _language_labels()
    regions = {NO_REGION: _("Unknown")}
    per_day = {
        "signups_region": ("signups_region", regions, _("Sign-ups")),
        "signups_language": ("signups_language", languages, _("Sign-ups")),
        "notes_language": ("notes_language", languages, _("Notes")),
        "comments_language": ("comments_language", languages, _("Comments")),
        "likes_language": ("likes_language", languages, _("Likes")),
        "cross_border": ("cross_border", _kind_labels(), _("Interactions")),
        "translations": ("translations", {}, _("Requests")),
        "moderation": ("moderation", _action_labels(), _("Actions")),
    }
    if name in per_day:
        metric, labels, y_label = per_day[name]
        return _per_day(name, start, end, metric, labels, y_label)
    if name == "active_users":
        return _active(start, end)
    if name == "cross_border_share":
        return _share(start, end)
    if name == "retention":
        return _retention(start, end, region)
    if name == "wave":
        return _wave(start, end)
    raise NotFound(_("There is no chart called “%(name)s”.") % {"name": name})
