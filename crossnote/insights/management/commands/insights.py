"""`manage.py insights`: recompute rollups, print a report and write its charts, check waves."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from crossnote.core.errors import DomainError
from crossnote.insights import rollups, selectors, services
from crossnote.insights.charts import fmt, render_csv, render_svg
from crossnote.insights.figures import CHARTS, build_chart
from crossnote.insights.forms import parse_range


class Command(BaseCommand):
    help = "Insights: rollup (recompute a range of days), report (text + chart files), waves."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="ACTION")
        sub.required = True
        rollup = sub.add_parser(
            "rollup", help="recompute the daily rollups of a range (idempotent)"
        )
        rollup.add_argument(
            "--from", dest="start", help="first day, YYYY-MM-DD (default: incremental)"
        )
        rollup.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
        report = sub.add_parser("report", help="print a summary and write the charts as files")
        report.add_argument(
            "--from", dest="start", help="first day, YYYY-MM-DD (default: 12 weeks ago)"
        )
        report.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
        report.add_argument("--region", help="cohorts: only people from this region (e.g. US)")
        report.add_argument("--out", default="insights-report", help="folder for the chart files")
        report.add_argument(
            "--format",
            dest="formats",
            action="append",
            choices=["svg", "png", "csv"],
            help="file formats (repeatable; default: svg and png)",
        )
        report.add_argument(
            "--chart",
            dest="charts",
            action="append",
            choices=list(CHARTS),
            help="only these charts",
        )
        sub.add_parser("waves", help="check newcomer waves now and raise alerts (webhook too)")

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def do_rollup(self, *, start=None, end=None, **_options):
        if start is None and end is None:
            first, last = rollups.rollup_recent()
        else:
            first, last, _region = parse_range({"from": start or end, "to": end})
            rows = rollups.rollup_days(start=first, end=last)
            self.stdout.write(f"{rows} figures written.")
        self.stdout.write(self.style.SUCCESS(f"Rolled up {first} to {last}."))

    def do_waves(self, **_options):
        new = services.raise_wave_alerts()
        for alert in new:
            self.stdout.write(
                f"ALERT wave {alert.wave_start}–{alert.wave_end} [{alert.language or 'all'}]: "
                f"first week {alert.wave_retention:.0%} vs baseline {alert.baseline_retention:.0%}"
            )
        self.stdout.write(f"{len(new)} new alert(s).")

    def do_report(
        self,
        *,
        start=None,
        end=None,
        region=None,
        out="insights-report",
        formats=None,
        charts=None,
        **_options,
    ):
        first, last, region = parse_range({"from": start, "to": end, "region": region})
        self._summary(first, last, region)
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        formats = formats or ["svg", "png"]
        written = []
        for name in charts or list(CHARTS):
            chart = build_chart(name, first, last, region=region)
            for kind in formats:
                path = folder / f"{name}.{kind}"
                if kind == "svg":
                    path.write_text(render_svg(chart), encoding="utf-8")
                elif kind == "csv":
                    path.write_text(render_csv(chart), encoding="utf-8")
                else:
                    from crossnote.insights.png import render_png

                    path.write_bytes(render_png(chart))
                written.append(path)
        self.stdout.write(f"\n{len(written)} chart files in {folder.resolve()}")

    def _summary(self, first: date, last: date, region) -> None:
        s = selectors.period_summary(first, last)
        w = self.stdout.write
        w(f"Crossnote insights {first} – {last} (UTC), made {timezone.now():%Y-%m-%d %H:%M}")
        w(f"  sign-ups                 {s['signups']}")
        w(f"  active a day (mean)      {s['mean_dau']}")
        w(f"  active, last week        {s['last_wau']}")
        w(f"  notes                    {s['notes']}")
        w(f"  interactions             {s['interactions']}")
        w(f"  cross-border             {s['cross_border']} ({fmt(s['cross_border_share'], True)})")
        w(f"  translations requested   {s['translations']}")
        w(f"  moderation actions       {s['moderation']}")
        w(
            "\nCohorts (week of sign-up"
            + (f", region {region}" if region else "")
            + "): size, D1, D7, D30"
        )
        for row in selectors.cohort_table(first, last, region=region):
            r = row.retention
            days = "  ".join(f"{fmt(r.days[n], True):>4}" for n in (1, 7, 30))
            w(f"  {row.week}  {r.size:>5}  {days}")
        views = selectors.waves(first, last)
        w(f"\nNewcomer waves: {len(views)}")
        for view in views:
            v = view.wave
            w(
                f"  {v.start} – {v.end}: {v.signups} sign-ups, peak {v.peak}/day, baseline {v.baseline:.1f}/day"
            )
            for language_row in view.rows:
                who = language_row.language or "all"
                w(
                    f"    {who:<4} wave {language_row.wave.size:>5}: first week {fmt(language_row.wave.weeks[0], True):>4}"
                    f"  | before {language_row.baseline.size:>5}: {fmt(language_row.baseline.weeks[0], True):>4}"
                )
