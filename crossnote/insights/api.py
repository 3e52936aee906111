"""REST endpoints: the insights series, summary, cohorts and waves as JSON (operators; the public
charts for everyone when the public summary is on), settings, and a rollup on demand."""

from django.utils.translation import gettext as _
from ninja import Query, Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.core.errors import InvalidInput, NotAuthenticated, PermissionDenied
from crossnote.insights import policies, rollups, selectors, services
from crossnote.insights.charts import x_text
from crossnote.insights.figures import CHARTS, PUBLIC_CHARTS, build_chart
from crossnote.insights.forms import parse_range
from crossnote.insights.models import InsightsSettings
from crossnote.insights.schemas import (
    ChartInfo,
    ChartOut,
    CohortOut,
    RangeQuery,
    RollupIn,
    RollupOut,
    SettingsIO,
    SummaryOut,
    WaveOut,
)

router = Router(tags=["insights"])
MAX_ROLLUP_DAYS = 400


def _operator(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not policies.is_operator(request.user):
        raise PermissionDenied(_("Only operators can see insights."))


def _retention(r) -> dict:
    return {"size": r.size, "d1": r.days[1], "d7": r.days[7], "d30": r.days[30], "weeks": r.weeks}


@router.get("/insights/charts", response=list[ChartInfo], auth=OPTIONAL)
def list_charts(request):
    """The charts there are (operators see all; others the public ones when published)."""
    names = list(CHARTS) if policies.is_operator(request.user) else []
    if not names and policies.public_summary_on():
        names = PUBLIC_CHARTS
    if not names:
        _operator(request)
    return [{"name": n, "title": str(CHARTS[n]), "public": n in PUBLIC_CHARTS} for n in names]


@router.get("/insights/series/{name}", response=ChartOut, auth=OPTIONAL)
def series(request, name: str, filters: Query[RangeQuery]):
    """One chart's data: the same series the page draws (x: days, or weeks for retention)."""
    if name in CHARTS and not policies.can_see_chart(request.user, name):
        _operator(request)
    start, end, region = parse_range(filters.params())
    chart = build_chart(name, start, end, region=region)
    return {
        "name": chart.name,
        "title": chart.title,
        "kind": chart.kind,
        "start": start,
        "end": end,
        "x": [x.isoformat() if hasattr(x, "isoformat") else x_text(x) for x in chart.x],
        "series": [{"label": s.label, "values": s.values} for s in chart.series],
        "percent": chart.percent,
    }


@router.get("/insights/summary", response=SummaryOut, auth=OPTIONAL)
def summary(request, filters: Query[RangeQuery]):
    """Headline figures of a period (public when the operator publishes the summary)."""
    if not (policies.is_operator(request.user) or policies.public_summary_on()):
        _operator(request)
    start, end, _region = parse_range(filters.params())
    return {"start": start, "end": end, **selectors.period_summary(start, end)}


@router.get("/insights/cohorts", response=list[CohortOut], auth=REQUIRED)
def cohort_list(request, filters: Query[RangeQuery]):
    """Weekly sign-up cohorts with D1, D7, D30 and weekly retention (optionally one region)."""
    _operator(request)
    start, end, region = parse_range(filters.params())
    return [
        {"week": row.week, "retention": _retention(row.retention)}
        for row in selectors.cohort_table(start, end, region=region)
    ]


@router.get("/insights/waves", response=list[WaveOut], auth=REQUIRED)
def wave_list(request, filters: Query[RangeQuery]):
    """Newcomer waves against their baselines, for everyone ("") and by first language."""
    _operator(request)
    start, end, _region = parse_range(filters.params())
    return [
        {
            "start": v.wave.start,
            "end": v.wave.end,
            "signups": v.wave.signups,
            "peak": v.wave.peak,
            "baseline_per_day": v.wave.baseline,
            "baseline_start": v.wave.baseline_start,
            "rows": [
                {
                    "language": r.language,
                    "wave": _retention(r.wave),
                    "baseline": _retention(r.baseline),
                }
                for r in v.rows
            ],
        }
        for v in selectors.waves(start, end)
    ]


@router.get("/insights/settings", response=SettingsIO, auth=REQUIRED)
def get_settings(request):
    _operator(request)
    return InsightsSettings.current()


@router.put("/insights/settings", response=SettingsIO, auth=REQUIRED)
def put_settings(request, payload: SettingsIO):
    """Operators: publish the summary or not, and the wave-alert thresholds."""
    _operator(request)
    return services.update_settings(**payload.dict())


@router.post("/insights/rollup", response=RollupOut, auth=REQUIRED)
def rollup(request, payload: RollupIn):
    """Operators: recompute the rollups of a range of days now (idempotent)."""
    _operator(request)
    start, end = sorted((payload.start, payload.end))
    days = (end - start).days + 1
    if days > MAX_ROLLUP_DAYS:
        raise InvalidInput(
            _("Recompute at most %(n)s days at a time.") % {"n": MAX_ROLLUP_DAYS}, field="from"
        )
    rows = rollups.rollup_days(start=start, end=end)
    services.raise_wave_alerts()
    return {"days": days, "rows": rows}
