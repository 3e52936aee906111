"""Charts drawn on the server from one chart model: SVG for pages, PNG (Pillow) for the CLI, CSV
for download. No JavaScript and no CDN: every chart is a self-contained, accessible <svg> with a
title, axis labels, a legend and a <title> tooltip on each point, cell or day."""

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import escape

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 170, 44, 52
PALETTE = [
    "#ff2442",  # Crossnote red
    "#2f6fdf",
    "#f2a03d",
    "#2a9d8f",
    "#8e5cd9",
    "#6b7280",
    "#c2410c",
    "#0e7490",
]
INK, MUTED, GRID = "#1f2328", "#59636e", "#e5e7eb"
MAX_SERIES = 7  # more keys than this: the smallest are summed into "Other"


@dataclass
class Series:
    label: str
    values: list  # numbers or None (unknown)


@dataclass
class Chart:
    """A chart as data: `kind` is "line", "area" (stacked) or "heatmap" (rows = series)."""

    name: str
    title: str
    kind: str
    x: list  # dates for line/area; column labels for a heat-map
    series: list[Series]
    x_label: str = ""
    y_label: str = ""
    percent: bool = False
    row_label: str = ""  # heat-map: what a row is (e.g. "Cohort (week of sign-up)")
    empty_text: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values if v)


def top_series(series: dict[str, list], labels: dict | None = None, other: str = "Other"):
    """Series for the biggest keys, the rest summed as `other`, biggest first."""
    labels = labels or {}
    ranked = sorted(series.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    kept = [Series(labels.get(k, k), list(v)) for k, v in ranked[:MAX_SERIES]]
    rest = [v for _k, v in ranked[MAX_SERIES:]]
    if rest:
        kept.append(Series(other, [sum(col) for col in zip(*rest, strict=True)]))
    return kept


# --- formatting --------------------------------------------------------------------------------


def fmt(value, percent: bool) -> str:
    if value is None:
        return "–"
    if percent:
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def x_text(value) -> str:
    return value.strftime("%m-%d") if isinstance(value, date) else str(value)


def nice_max(value: float, percent: bool) -> float:
    """The top of the y axis: four equal steps of a round size (whole numbers for counts)."""
    if percent:
        return 1.0 if value > 0.5 or value == 0 else math.ceil(value * 10) / 10
    if value <= 0:
        return 4.0
    raw = value / 4
    exp = 10 ** math.floor(math.log10(raw))
    tick = 10 * exp
    for m in (1, 2, 2.5, 5, 10):
        if m == 2.5 and exp < 10:
            continue  # 0.25 or 2.5 a step would give fractional counts
        if m * exp >= raw:
            tick = m * exp
            break
    return max(tick, 1) * 4


# --- layout: the chart as drawing operations, shared by SVG and PNG ------------------------------


@dataclass
class Ops:
    items: list = field(default_factory=list)

    def add(self, *op):
        self.items.append(op)


def layout(chart: Chart) -> Ops:
    ops = Ops()
    ops.add("text", LEFT, 24, chart.title, 16, "start", INK, True)
    if chart.is_empty:
        ops.add("rect", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM, "#f6f8fa", None)
        ops.add(
            "text",
            (WIDTH - RIGHT + LEFT) / 2,
            HEIGHT / 2,
            chart.empty_text,
            13,
            "middle",
            MUTED,
            False,
        )
        return ops
    if chart.kind == "heatmap":
        _heatmap(chart, ops)
    else:
        _xy(chart, ops)
    return ops


def _legend(chart: Chart, ops: Ops) -> None:
    x, y = WIDTH - RIGHT + 16, TOP + 6
    for i, series in enumerate(chart.series[:12]):
        ops.add("rect", x, y + i * 20, 12, 12, PALETTE[i % len(PALETTE)], None)
        ops.add("text", x + 18, y + i * 20 + 10, series.label[:18], 12, "start", INK, False)


def _xy(chart: Chart, ops: Ops) -> None:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(chart.x)
    stacked = chart.kind == "area"
    if stacked:
        tops = [sum(s.values[i] or 0 for s in chart.series) for i in range(n)]
    else:
        tops = [v for s in chart.series for v in s.values if v is not None]
    y_max = nice_max(max(tops or [0]), chart.percent)

    def px(i):
        return LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v):
        return TOP + plot_h - plot_h * (v or 0) / y_max

    for k in range(5):  # grid and y ticks
        value = y_max * k / 4
        ops.add("line", LEFT, py(value), LEFT + plot_w, py(value), GRID, 1)
        ops.add("text", LEFT - 6, py(value) + 4, fmt(value, chart.percent), 11, "end", MUTED, False)
    step = max(1, math.ceil(n / 8))
    for i in range(0, n, step):  # x ticks
        ops.add("line", px(i), TOP + plot_h, px(i), TOP + plot_h + 4, MUTED, 1)
        ops.add("text", px(i), TOP + plot_h + 18, x_text(chart.x[i]), 11, "middle", MUTED, False)
    ops.add("line", LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h, MUTED, 1)
    ops.add("text", LEFT + plot_w / 2, HEIGHT - 8, chart.x_label, 12, "middle", MUTED, False)
    ops.add("vtext", 16, TOP + plot_h / 2, chart.y_label, 12, "middle", MUTED, False)
    if stacked:
        base = [0.0] * n
        for idx, series in enumerate(chart.series):
            upper = [base[i] + (series.values[i] or 0) for i in range(n)]
            points = [(px(i), py(upper[i])) for i in range(n)]
            points += [(px(i), py(base[i])) for i in reversed(range(n))]
            ops.add("poly", points, PALETTE[idx % len(PALETTE)], None, 0, True, series.label)
            base = upper
        for i in range(n):  # one tooltip band per day with every value
            lines = [x_text(chart.x[i])] + [
                f"{s.label}: {fmt(s.values[i], chart.percent)}" for s in chart.series
            ]
            left = px(i) - plot_w / max(n - 1, 1) / 2
            ops.add("rect", left, TOP, plot_w / max(n - 1, 1), plot_h, None, "\n".join(lines))
    else:
        for idx, series in enumerate(chart.series):
            color = PALETTE[idx % len(PALETTE)]
            run: list[tuple[float, float]] = []
            for i, value in enumerate(series.values + [None]):
                if value is None:
                    if len(run) > 1:
                        ops.add("poly", run, None, color, 2, False, series.label)
                    run = []
                    continue
                run.append((px(i), py(value)))
            for i, value in enumerate(series.values):
                if value is not None:
                    tip = f"{series.label}, {x_text(chart.x[i])}: {fmt(value, chart.percent)}"
                    ops.add("circle", px(i), py(value), 2.5 if n > 30 else 3.5, color, tip)
    _legend(chart, ops)


def _heat_color(value) -> str:
    if value is None:
        return "#f6f8fa"
    v = max(0.0, min(1.0, value))
    # white → a red near the brand colour
    r, g, b = 255 + (228 - 255) * v, 255 + (64 - 255) * v, 255 + (95 - 255) * v
    return f"#{round(r):02x}{round(g):02x}{round(b):02x}"


def _heatmap(chart: Chart, ops: Ops) -> None:
    rows, cols = len(chart.series), len(chart.x)
    left, plot_w = LEFT + 40, WIDTH - LEFT - 40 - 24
    cell_w = plot_w / max(cols, 1)
    cell_h = min(28.0, (HEIGHT - TOP - BOTTOM) / max(rows, 1))
    for j, label in enumerate(chart.x):
        ops.add("text", left + cell_w * (j + 0.5), TOP - 4, str(label), 11, "middle", MUTED, False)
    for i, series in enumerate(chart.series):
        y = TOP + i * cell_h
        ops.add("text", left - 6, y + cell_h / 2 + 4, series.label, 11, "end", MUTED, False)
        for j, value in enumerate(series.values):
            tip = f"{chart.row_label} {series.label}, {chart.x[j]}: {fmt(value, chart.percent)}"
            ops.add("rect", left + cell_w * j, y, cell_w - 2, cell_h - 2, _heat_color(value), tip)
            if value is not None:
                ink = "#ffffff" if value > 0.55 else INK
                ops.add(
                    "text",
                    left + cell_w * (j + 0.5),
                    y + cell_h / 2 + 4,
                    fmt(value, chart.percent),
                    10,
                    "middle",
                    ink,
                    False,
                )
    bottom = TOP + rows * cell_h
    ops.add("text", left + plot_w / 2, bottom + 20, chart.x_label, 12, "middle", MUTED, False)
    ops.add("vtext", 16, TOP + rows * cell_h / 2, chart.row_label, 12, "middle", MUTED, False)


def chart_height(chart: Chart) -> int:
    if chart.kind == "heatmap" and not chart.is_empty:
        cell_h = min(28.0, (HEIGHT - TOP - BOTTOM) / max(len(chart.series), 1))
        return int(TOP + len(chart.series) * cell_h + 36)
    return HEIGHT


# --- SVG -----------------------------------------------------------------------------------------


def render_svg(chart: Chart) -> str:
    """The chart as an accessible inline SVG document."""
    height = chart_height(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="chart-{chart.name}-title" data-chart="{escape(chart.name)}" '
        "font-family=\"system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', "
        "'WenQuanYi Zen Hei', sans-serif\">",
        f'<title id="chart-{chart.name}-title">{escape(chart.title)}</title>',
    ]
    for op in layout(chart).items:
        parts.append(_svg_op(op))
    parts.append("</svg>")
    return "\n".join(parts)


def _tip(title) -> str:
    return f"<title>{escape(title)}</title>" if title else ""


def _svg_op(op) -> str:
    kind = op[0]
    if kind == "text" or kind == "vtext":
        _k, x, y, text, size, anchor, fill, bold = op
        weight = ' font-weight="600"' if bold else ""
        rotate = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if kind == "vtext" else ""
        return (
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{weight}{rotate}>{escape(text)}</text>'
        )
    if kind == "line":
        _k, x1, y1, x2, y2, stroke, width = op
        return (
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{stroke}" stroke-width="{width}"/>'
        )
    if kind == "rect":
        _k, x, y, w, h, fill, title = op
        paint = f'fill="{fill}"' if fill else 'fill="transparent" class="hover-band"'
        return (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
            f"{paint}>{_tip(title)}</rect>"
        )
    if kind == "circle":
        _k, x, y, r, fill, title = op
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}">{_tip(title)}</circle>'
    _k, points, fill, stroke, width, closed, title = op
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    tag = "polygon" if closed else "polyline"
    paint = f'fill="{fill or "none"}"' + (
        f' stroke="{stroke}" stroke-width="{width}" stroke-linejoin="round"' if stroke else ""
    )
    opacity = ' fill-opacity="0.85"' if closed else ""
    return f'<{tag} points="{path}" {paint}{opacity}>{_tip(title)}</{tag}>'


# --- CSV -----------------------------------------------------------------------------------------


def render_csv(chart: Chart) -> str:
    """One row per day (or per cohort for a heat-map), one column per series."""
    out = io.StringIO()
    writer = csv.writer(out)
    if chart.kind == "heatmap":
        writer.writerow([chart.row_label or "row", *[str(x) for x in chart.x]])
        for series in chart.series:
            writer.writerow([series.label, *[_csv_value(v) for v in series.values]])
    else:
        writer.writerow([chart.x_label or "date", *[s.label for s in chart.series]])
        for i, x in enumerate(chart.x):
            writer.writerow(
                [x.isoformat() if isinstance(x, date) else x]
                + [_csv_value(s.values[i]) for s in chart.series]
            )
    return out.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    return f"{value:.4f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"
