"""PNG rendering of a chart with Pillow, from the same drawing operations as the SVG (charts.py),
so the CLI's files match the pages. Chinese labels need a CJK font: WenQuanYi Zen Hei or Noto
CJK when installed (scripts/install-system-deps.sh), else Pillow's own font."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from crossnote.insights.charts import WIDTH, Chart, chart_height, layout

SCALE = 2  # drawn at twice the size: crisp on high-density screens and in documents
FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]
ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


@cache
def _font(size: int):
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size * SCALE)
    return ImageFont.load_default(size * SCALE)


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def render_png(chart: Chart) -> bytes:
    height = chart_height(chart)
    image = Image.new("RGB", (WIDTH * SCALE, height * SCALE), "white")
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))  # areas blend like the SVG's opacity
    draw, overlay = ImageDraw.Draw(image), ImageDraw.Draw(layer)
    for op in layout(chart).items:
        _draw(draw, overlay, op)
    image.paste(layer, (0, 0), layer)
    # Text goes last so that no area covers it.
    for op in layout(chart).items:
        if op[0] in ("text", "vtext"):
            _text(image, draw, op)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _s(*values):
    return [v * SCALE for v in values]


def _draw(draw, overlay, op) -> None:
    kind = op[0]
    if kind == "line":
        _k, x1, y1, x2, y2, stroke, width = op
        draw.line(_s(x1, y1, x2, y2), fill=_rgb(stroke), width=width * SCALE)
    elif kind == "rect":
        _k, x, y, w, h, fill, _title = op
        if fill and w > 0 and h > 0:
            draw.rectangle(_s(x, y, x + w, y + h), fill=_rgb(fill))
    elif kind == "circle":
        _k, x, y, r, fill, _title = op
        draw.ellipse(_s(x - r, y - r, x + r, y + r), fill=_rgb(fill))
    elif kind == "poly":
        _k, points, fill, stroke, width, closed, _title = op
        scaled = [(x * SCALE, y * SCALE) for x, y in points]
        if closed and fill:
            overlay.polygon(scaled, fill=(*_rgb(fill), 217))
        elif stroke:
            draw.line(scaled, fill=_rgb(stroke), width=width * SCALE, joint="curve")


def _text(image, draw, op) -> None:
    kind, x, y, text, size, anchor, fill, _bold = op
    if not text:
        return
    font = _font(size)
    if kind == "text":
        draw.text((x * SCALE, y * SCALE), text, font=font, fill=_rgb(fill), anchor=ANCHORS[anchor])
        return
    box = draw.textbbox((0, 0), text, font=font, anchor="lt")
    w, h = box[2] - box[0] + 4, box[3] - box[1] + 4
    label = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ImageDraw.Draw(label).text((2, 2), text, font=font, fill=_rgb(fill), anchor="lt")
    label = label.rotate(90, expand=True)
    image.paste(label, (int(x * SCALE - label.width / 2), int(y * SCALE - label.height / 2)), label)
