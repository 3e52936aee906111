"""Pictures of text for the vision tests and bench/ocr.py, drawn with Pillow in the Noto CJK
fonts that scripts/install-system-deps.sh installs (a test skips, saying so, without them)."""

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

NOTO_SANS = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
SIMPLIFIED = 2  # the face index of Simplified Chinese in the Noto CJK collections


def font(size: int, path: Path = NOTO_SANS):
    """A font at `size` px; skips the test when the font file is missing."""
    if not path.exists():
        pytest.skip(f"{path} is missing: run scripts/install-system-deps.sh (fonts-noto-cjk)")
    index = SIMPLIFIED if "Noto" in path.name else 0
    return ImageFont.truetype(str(path), size, index=index)


def text_image(
    lines,
    *,
    size=(480, 240),
    font_size=34,
    background=(255, 255, 255),
    ink=(20, 20, 20),
    path: Path = NOTO_SANS,
    fmt="PNG",
    margin=20,
) -> tuple[bytes, list[tuple[str, tuple[float, float, float, float]]]]:
    """An image with `lines` drawn one under another; returns its bytes and each line's box as
    fractions of the image (x0, y0, x1, y1), where the test expects OCR to find it."""
    picture = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    face = font(font_size, path)
    boxes = []
    y = margin
    for line in lines:
        x0, y0, x1, y1 = draw.textbbox((margin, y), line, font=face)
        draw.text((margin, y), line, font=face, fill=ink)
        boxes.append((line, (x0 / size[0], y0 / size[1], x1 / size[0], y1 / size[1])))
        y += int(font_size * 1.8)
    out = io.BytesIO()
    picture.save(out, format=fmt)
    return out.getvalue(), boxes
