"""Insights pages: the operator dashboard, the optional public summary, chart downloads."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from crossnote.core.errors import InvalidInput, NotAuthenticated, NotFound, PermissionDenied
from crossnote.insights import policies, selectors, services
from crossnote.insights.charts import render_csv, render_svg
from crossnote.insights.figures import CHARTS, PUBLIC_CHARTS, build_chart
from crossnote.insights.forms import PRESETS, RangeForm, SettingsForm, parse_range
from crossnote.insights.models import InsightsSettings

FORMATS = {"svg": "image/svg+xml", "csv": "text/csv; charset=utf-8", "png": "image/png"}


def _require_operator(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Log in as an operator to see insights."))
    if not policies.is_operator(request.user):
        raise PermissionDenied(_("Only operators can see insights."))


def _charts(names, start, end, region, query: str) -> list[dict]:
    out = []
    for name in names:
        chart = build_chart(name, start, end, region=region)
        out.append(
            {
                "name": name,
                "title": chart.title,
                "svg": mark_safe(render_svg(chart)),  # noqa: S308 - every label is escaped in render_svg
                "query": query,
            }
        )
    return out


def _range_context(request, start, end, region) -> dict:
    query = f"from={start.isoformat()}&to={end.isoformat()}" + (
        f"&region={region}" if region else ""
    )
    form = RangeForm(initial={"start": start, "end": end, "region": region or ""})
    return {
        "start": start,
        "end": end,
        "region": region,
        "query": query,
        "range_form": form,
        "presets": PRESETS,
    }


@require_GET
def dashboard(request):
    if not request.user.is_authenticated:  # a page: send visitors to log in, then back here
        return redirect_to_login(request.get_full_path())
    _require_operator(request)
    start, end, region = parse_range(request.GET)
    context = _range_context(request, start, end, region)
    choice = InsightsSettings.current()
    context.update(
        summary=selectors.period_summary(start, end),
        charts=_charts(list(CHARTS), start, end, region, context["query"]),
        cohorts=selectors.cohort_table(start, end, region=region),
        waves=selectors.waves(start, end),
        alerts=list(selectors.open_alerts()[:10]),
        settings_form=SettingsForm(
            initial={
                "public_summary": choice.public_summary,
                "alert_margin": choice.alert_margin,
                "spike_factor": choice.spike_factor,
                "baseline_days": choice.baseline_days,
            }
        ),
        public_on=choice.public_summary,
    )
    return render(request, "insights/dashboard.html", context)


@require_GET
def public_summary(request):
    if not policies.public_summary_on():
        raise NotFound(_("This server does not publish a summary of its figures."))
    start, end, _region = parse_range(request.GET)
    context = _range_context(request, start, end, None)
    context.update(
        summary=selectors.period_summary(start, end),
        charts=_charts(PUBLIC_CHARTS, start, end, None, context["query"]),
    )
    return render(request, "insights/public.html", context)


@require_GET
def chart_file(request, name: str, fmt: str):
    """One chart as SVG, PNG or CSV for the range in the query string."""
    if fmt not in FORMATS:
        raise InvalidInput(_("Charts come as svg, png or csv."), field="format")
    if name not in CHARTS:
        raise NotFound(_("There is no chart called “%(name)s”.") % {"name": name})
    if not policies.can_see_chart(request.user, name):
        _require_operator(request)
    start, end, region = parse_range(request.GET)
    chart = build_chart(name, start, end, region=region)
    if fmt == "svg":
        body = render_svg(chart).encode()
    elif fmt == "png":
        from crossnote.insights.png import render_png

        body = render_png(chart)
    else:
        body = render_csv(chart).encode("utf-8")
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"crossnote-{name}-{start.isoformat()}-{end.isoformat()}.{fmt}"
    disposition = "attachment" if fmt == "csv" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_POST
def update_settings(request):
    _require_operator(request)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise InvalidInput(f"{form.fields[field].label}: {errors[0]}", field=field)
    services.update_settings(**form.cleaned_data)
    messages.success(request, _("Insights settings saved."))
    return redirect(
        request.POST.get("next") if _safe(request.POST.get("next")) else "insights:dashboard"
    )


@require_POST
def dismiss_alert(request, pk: int):
    _require_operator(request)
    services.dismiss_alert(alert_id=pk)
    return redirect("insights:dashboard")


def _safe(url) -> bool:
    return bool(url) and url.startswith("/insights/") and "//" not in url
