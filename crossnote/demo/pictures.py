"""Demo pictures drawn on the spot with Pillow: simple scenes that suggest a note's subject.

Each scene is a few gradients and shapes, so one picture takes a few milliseconds; the real cost
of a demo image is the upload pipeline it goes through (crossnote.core.images), as for any photo.
"""

import io
import random

from PIL import Image, ImageDraw

# (width : height) shapes a phone feed shows; 3:4 is the house style of photo-note apps.
ASPECTS = [((3, 4), 50), ((1, 1), 20), ((4, 3), 15), ((9, 16), 15)]
WIDTHS = {
    (3, 4): (600, 660, 720, 780),
    (1, 1): (600, 720, 840, 900),
    (4, 3): (720, 810, 900),
    (9, 16): (600, 640, 720),
}

Color = tuple[int, int, int]


def pick_size(rng: random.Random) -> tuple[int, int]:
    """A width around 600–900 px and a height from one of the usual aspect ratios."""
    aspect = rng.choices([a for a, _w in ASPECTS], weights=[w for _a, w in ASPECTS])[0]
    width = rng.choice(WIDTHS[aspect])
    return width, width * aspect[1] // aspect[0]


def _color(values) -> Color:
    red, green, blue = values
    return red, green, blue


def _mix(a: Color, b: Color, t: float) -> Color:
    return _color(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _shade(color: Color, factor: float) -> Color:
    return _color(max(0, min(255, round(c * factor))) for c in color)


def _jitter(rng: random.Random, color: Color, spread: int = 18) -> Color:
    return _color(max(0, min(255, c + rng.randint(-spread, spread))) for c in color)


def _gradient(size: tuple[int, int], stops: list[Color]) -> Image.Image:
    """A vertical gradient through `stops`: one column computed, then stretched (fast)."""
    width, height = size
    column = Image.new("RGB", (1, height))
    last = len(stops) - 1
    pixels = []
    for y in range(height):
        pos = y / max(1, height - 1) * last
        i = min(int(pos), last - 1) if last else 0
        pixels.append(_mix(stops[i], stops[min(i + 1, last)], pos - i) if last else stops[0])
    column.putdata(pixels)
    return column.resize((width, height), Image.Resampling.NEAREST)


def _cat(draw, w, h, rng):
    u = min(w, h)
    fur = rng.choice(
        [(232, 150, 70), (120, 120, 128), (40, 40, 45), (240, 236, 228), (200, 170, 130)]
    )
    cx, cy = w // 2 + rng.randint(-u // 10, u // 10), int(h * 0.58)
    draw.rectangle((0, int(h * 0.72), w, h), fill=_jitter(rng, (196, 160, 120)))
    draw.ellipse((cx - u * 0.30, cy - u * 0.05, cx + u * 0.30, cy + u * 0.32), fill=fur)
    hx, hy, r = cx, cy - int(u * 0.12), int(u * 0.2)
    for side in (-1, 1):
        ear = [
            (hx + side * r * 0.9, hy - r * 0.2),
            (hx + side * r * 0.75, hy - r * 1.35),
            (hx + side * r * 0.2, hy - r * 0.85),
        ]
        draw.polygon(ear, fill=fur)
    draw.ellipse((hx - r, hy - r, hx + r, hy + r), fill=fur)
    eye = (90, 170, 90) if fur != (40, 40, 45) else (230, 200, 60)
    for side in (-1, 1):
        ex = hx + side * r * 0.4
        draw.ellipse((ex - r * 0.15, hy - r * 0.2, ex + r * 0.15, hy + r * 0.12), fill=eye)
        draw.ellipse((ex - r * 0.05, hy - r * 0.15, ex + r * 0.05, hy + r * 0.08), fill=(20,) * 3)
        for dy in (-0.05, 0.1):
            draw.line(
                (hx + side * r * 0.3, hy + r * 0.35, hx + side * r * 1.25, hy + r * (0.25 + dy)),
                fill=(250, 250, 250),
                width=max(1, u // 300),
            )
    draw.polygon(
        [(hx - r * 0.1, hy + r * 0.22), (hx + r * 0.1, hy + r * 0.22), (hx, hy + r * 0.35)],
        fill=(230, 130, 140),
    )
    draw.arc(
        (cx + u * 0.1, cy, cx + u * 0.5, cy + u * 0.4), 270, 60, fill=fur, width=max(6, u // 25)
    )


def _dog(draw, w, h, rng):
    u = min(w, h)
    fur = rng.choice([(214, 170, 110), (90, 60, 40), (250, 245, 235), (30, 30, 30)])
    draw.ellipse((-w * 0.2, h * 0.7, w * 1.2, h * 1.3), fill=_jitter(rng, (110, 170, 90)))
    cx, cy, r = w // 2, int(h * 0.5), int(u * 0.22)
    draw.ellipse((cx - r * 1.4, cy + r * 0.4, cx + r * 1.4, cy + r * 2.4), fill=fur)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fur)
    ear = _shade(fur, 0.7)
    for side in (-1, 1):
        draw.ellipse(
            (
                cx + side * r * 0.75 - r * 0.35,
                cy - r * 0.8,
                cx + side * r * 0.75 + r * 0.35,
                cy + r * 0.5,
            ),
            fill=ear,
        )
        ex, ey = cx + side * r * 0.38, cy - r * 0.15
        draw.ellipse(
            (ex - r * 0.14, ey - r * 0.14, ex + r * 0.14, ey + r * 0.14), fill=(245, 245, 240)
        )
        draw.ellipse((ex - r * 0.08, ey - r * 0.08, ex + r * 0.08, ey + r * 0.08), fill=(25,) * 3)
    draw.ellipse((cx - r * 0.45, cy + r * 0.1, cx + r * 0.45, cy + r * 0.7), fill=_shade(fur, 1.1))
    draw.ellipse((cx - r * 0.15, cy + r * 0.1, cx + r * 0.15, cy + r * 0.3), fill=(25,) * 3)
    draw.ellipse((cx - r * 0.12, cy + r * 0.5, cx + r * 0.12, cy + r * 0.9), fill=(230, 100, 120))


def _food(draw, w, h, rng):
    u = min(w, h)
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (170, 120, 80)))
    for x in range(0, w, max(40, w // 8)):
        draw.line((x, 0, x, h), fill=_jitter(rng, (150, 100, 65)), width=2)
    cx, cy, r = w // 2, h // 2, int(u * 0.36)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(245, 245, 240))
    draw.ellipse((cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8), fill=(235, 235, 228))
    palette = [(200, 60, 40), (250, 200, 60), (90, 160, 70), (140, 80, 40), (240, 140, 60)]
    for _i in range(rng.randint(6, 14)):
        a, b = rng.uniform(-0.55, 0.55) * r, rng.uniform(-0.55, 0.55) * r
        s = rng.uniform(0.08, 0.2) * r
        draw.ellipse((cx + a - s, cy + b - s, cx + a + s, cy + b + s), fill=rng.choice(palette))
    draw.line(
        (cx + r * 1.05, cy - r * 0.9, cx + r * 1.2, cy + r * 0.9),
        fill=(60, 40, 30),
        width=max(4, u // 80),
    )
    draw.line(
        (cx + r * 1.2, cy - r * 0.9, cx + r * 1.35, cy + r * 0.9),
        fill=(60, 40, 30),
        width=max(4, u // 80),
    )


def _hotpot(draw, w, h, rng):
    u = min(w, h)
    draw.rectangle((0, 0, w, h), fill=_jitter(rng, (60, 45, 40)))
    cx, cy, r = w // 2, h // 2, int(u * 0.33)
    draw.ellipse((cx - r * 1.08, cy - r * 1.08, cx + r * 1.08, cy + r * 1.08), fill=(170, 170, 175))
    draw.pieslice((cx - r, cy - r, cx + r, cy + r), 90, 270, fill=(190, 40, 25))
    draw.pieslice((cx - r, cy - r, cx + r, cy + r), 270, 90, fill=(235, 220, 190))
    for _i in range(rng.randint(10, 18)):
        a, b = rng.uniform(-0.75, -0.1) * r, rng.uniform(-0.7, 0.7) * r
        s = rng.uniform(0.03, 0.07) * r
        draw.ellipse((cx + a - s, cy + b - s, cx + a + s, cy + b + s), fill=(120, 20, 10))
    for _i in range(rng.randint(3, 6)):
        a, b = rng.uniform(0.15, 0.7) * r, rng.uniform(-0.6, 0.6) * r
        s = rng.uniform(0.06, 0.12) * r
        draw.ellipse((cx + a - s, cy + b - s, cx + a + s, cy + b + s), fill=(120, 170, 80))
    corners = [(0.12, 0.12), (0.88, 0.12), (0.12, 0.88), (0.88, 0.88)]
    for (px, py), meat in zip(corners, [True, False, True, False], strict=True):
        x, y, s = w * px, h * py, u * 0.1
        draw.ellipse((x - s, y - s, x + s, y + s), fill=(240, 240, 240))
        fill = (220, 110, 110) if meat else (100, 160, 70)
        draw.rectangle((x - s * 0.6, y - s * 0.3, x + s * 0.6, y + s * 0.3), fill=fill)


def _landscape(draw, w, h, rng):
    sun = (w * rng.uniform(0.2, 0.8), h * rng.uniform(0.15, 0.35))
    s = min(w, h) * rng.uniform(0.06, 0.12)
    draw.ellipse((sun[0] - s, sun[1] - s, sun[0] + s, sun[1] + s), fill=(255, 230, 170))
    base = _jitter(rng, (70, 110, 120), 30)
    for layer in range(3):
        top = h * (0.45 + layer * 0.12)
        points = [(0, h)]
        for x in range(0, w + 1, max(1, w // 6)):
            points.append((x, top - rng.uniform(0, h * 0.15)))
        points.append((w, h))
        draw.polygon(points, fill=_shade(base, 1.0 - layer * 0.25))
    draw.rectangle((0, h * 0.86, w, h), fill=_jitter(rng, (60, 130, 170)))


def _city(draw, w, h, rng):
    x = 0
    while x < w:
        bw = rng.randint(w // 10, w // 5)
        top = int(h * rng.uniform(0.25, 0.6))
        body = _jitter(rng, (45, 50, 70), 15)
        draw.rectangle((x, top, x + bw, h), fill=body)
        step = max(14, bw // 5)
        for wy in range(top + 10, h - 10, step + 6):
            for wx in range(x + 6, x + bw - step // 2, step):
                if rng.random() < 0.55:
                    draw.rectangle((wx, wy, wx + step // 2, wy + step // 2), fill=(250, 210, 120))
        x += bw + rng.randint(0, 8)


def _study(draw, w, h, rng):
    u = min(w, h)
    draw.rectangle((0, h * 0.35, w, h), fill=_jitter(rng, (190, 150, 110)))
    x0, y0 = w * 0.12, h * 0.45
    draw.rectangle((x0, y0, x0 + w * 0.45, y0 + h * 0.4), fill=(250, 250, 245))
    for i in range(1, 9):
        y = y0 + i * h * 0.04
        draw.line((x0 + 12, y, x0 + w * 0.45 - 12, y), fill=(170, 190, 220), width=2)
    for i in range(rng.randint(2, 5)):
        y = y0 + rng.randint(1, 8) * h * 0.04 - 6
        draw.line(
            (x0 + 16, y, x0 + 16 + rng.uniform(0.1, 0.35) * w, y),
            fill=(40, 40, 60),
            width=3 + i % 2,
        )
    cx, cy, r = w * 0.78, h * 0.55, u * 0.09
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_jitter(rng, (240, 240, 240)))
    draw.ellipse((cx - r * 0.75, cy - r * 0.75, cx + r * 0.75, cy + r * 0.75), fill=(110, 70, 40))
    for i, color in enumerate([(200, 70, 60), (60, 110, 170), (230, 180, 60)]):
        y = h * 0.12 + i * h * 0.07
        draw.rectangle((w * 0.55, y, w * 0.92, y + h * 0.06), fill=color)


def _bokeh(draw, w, h, rng):
    """Out-of-focus lights: translucent circles (the drawing context blends alpha)."""
    u = min(w, h)
    for _i in range(rng.randint(18, 32)):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.03, 0.12) * u
        color = rng.choice([(255, 210, 120), (255, 150, 170), (150, 200, 255), (255, 255, 230)])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*color, rng.randint(50, 140)))


def _fashion(draw, w, h, rng):
    u = min(w, h)
    cx = w // 2
    top, bottom = _jitter(rng, (220, 200, 180), 40), _jitter(rng, (60, 70, 100), 30)
    draw.ellipse(
        (cx - u * 0.07, h * 0.14, cx + u * 0.07, h * 0.14 + u * 0.14), fill=(235, 200, 170)
    )
    draw.polygon(
        [
            (cx - u * 0.16, h * 0.25),
            (cx + u * 0.16, h * 0.25),
            (cx + u * 0.2, h * 0.55),
            (cx - u * 0.2, h * 0.55),
        ],
        fill=top,
    )
    draw.rectangle((cx - u * 0.16, h * 0.55, cx - u * 0.02, h * 0.88), fill=bottom)
    draw.rectangle((cx + u * 0.02, h * 0.55, cx + u * 0.16, h * 0.88), fill=bottom)
    draw.rounded_rectangle(
        (cx + u * 0.22, h * 0.42, cx + u * 0.36, h * 0.55),
        radius=8,
        fill=_jitter(rng, (160, 60, 60), 40),
    )
    draw.rectangle((0, h * 0.9, w, h), fill=_jitter(rng, (200, 190, 180)))


def _chat(draw, w, h, rng):
    """Two speech bubbles with scribbled lines: language exchange."""
    colors = [(120, 200, 140), (250, 250, 250)]
    for i in range(rng.randint(3, 5)):
        left = i % 2 == 0
        y = h * (0.1 + i * 0.18)
        bw = w * rng.uniform(0.4, 0.65)
        x = w * 0.06 if left else w * 0.94 - bw
        draw.rounded_rectangle((x, y, x + bw, y + h * 0.12), radius=18, fill=colors[i % 2])
        for line in range(2):
            ly = y + h * (0.035 + line * 0.045)
            draw.line(
                (x + 18, ly, x + 18 + (bw - 36) * rng.uniform(0.5, 1.0), ly),
                fill=(60, 60, 60),
                width=max(3, int(h * 0.012)),
            )


SCENES = {
    "cat": (_cat, [(250, 230, 210), (240, 200, 170)]),
    "dog": (_dog, [(170, 215, 250), (225, 240, 250)]),
    "food": (_food, [(170, 120, 80)]),
    "hotpot": (_hotpot, [(60, 45, 40)]),
    "landscape": (_landscape, [(120, 170, 230), (250, 190, 150)]),
    "city": (_city, [(30, 30, 80), (200, 100, 120), (250, 170, 110)]),
    "study": (_study, [(240, 235, 220), (220, 210, 190)]),
    "bokeh": (_bokeh, [(20, 20, 40), (60, 30, 70)]),
    "fashion": (_fashion, [(240, 225, 220), (225, 210, 215)]),
    "chat": (_chat, [(235, 235, 240), (215, 225, 240)]),
}


def draw_scene(scene: str, size: tuple[int, int], rng: random.Random) -> bytes:
    """JPEG bytes of one scene at `size`, varied by `rng` (same rng state, same picture)."""
    painter, stops = SCENES[scene]
    stops = [_jitter(rng, c, 25) for c in stops]
    image = _gradient(size, stops if len(stops) > 1 else stops * 2)
    draw = ImageDraw.Draw(image, "RGBA")
    painter(draw, size[0], size[1], rng)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
