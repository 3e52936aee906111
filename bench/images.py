"""Image intake throughput: photos verified, EXIF-stripped and re-encoded per second.

.venv/bin/python bench/images.py [--count 50] [--size 3024x4032]
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--size", default="3024x4032", help="WxH of each test photo")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image, ImageDraw

    from crossnote.core.images import process_image

    image = Image.new("RGB", (width, height), (240, 200, 170))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 40):
        draw.line((i, 0, width - i, height), fill=(i % 255, 80, 160), width=6)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    data = out.getvalue()

    started = time.perf_counter()
    for _ in range(args.count):
        process_image(SimpleUploadedFile("p.jpg", data, "image/jpeg"))
    seconds = time.perf_counter() - started
    print(
        f"{args.count} photos of {width}×{height} ({len(data) // 1024} KB): "
        f"{seconds:.2f} s, {seconds / args.count * 1000:.0f} ms each, "
        f"{args.count / seconds:.1f} photos/s on one core"
    )


if __name__ == "__main__":
    main()
