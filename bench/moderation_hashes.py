"""Hash-layer cost: PDQ hashing per image, PDQ bank match vs bank size, text_hash throughput.

.venv/bin/python bench/moderation_hashes.py [--images 30] [--size 1200] [--banks 10000,100000]
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def photo(seed: int, side: int):
    """A textured side×(3/4·side) picture: gradient, outlined shapes, a caption."""
    import numpy as np
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    width, height = side, side * 3 // 4
    x = np.linspace(0, 1, width)[None, :]
    y = np.linspace(0, 1, height)[:, None]
    ones = np.ones((height, width))
    channels = [255 * x * ones, 255 * y * ones, 255 * (1 - x * y) * ones]
    image = Image.fromarray(np.stack(channels, axis=2).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x0, y0 = rnd.randrange(width), rnd.randrange(height)
        box = (x0, y0, x0 + rnd.randrange(20, side // 3), y0 + rnd.randrange(20, side // 4))
        draw.ellipse(box, fill=tuple(rnd.randrange(256) for _ in range(3)), outline="black")
    draw.text((20, 20), f"bench {seed}", fill="white")
    return image


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def bench_pdq_hashing(count: int, side: int) -> None:
    from crossnote.moderation.detectors.hashes import pdq_hash

    images = [photo(i, side) for i in range(count)]
    pdq_hash(images[0])  # warm up
    times = []
    for image in images:
        started = time.perf_counter()
        pdq_hash(image)
        times.append(time.perf_counter() - started)
    print(
        f"pdq_hash on {side}×{side * 3 // 4} RGB: median {ms(statistics.median(times))}, "
        f"max {ms(max(times))} over {count} images"
    )


def bench_bank(size: int, queries: int) -> None:
    from crossnote.moderation.detectors.hashes import HashBank, HashEntry

    rnd = random.Random(size)
    entries = [
        HashEntry("pdq", f"{rnd.getrandbits(256):064x}", "spam", "bench", id=i) for i in range(size)
    ]
    started = time.perf_counter()
    bank = HashBank(entries)
    built = time.perf_counter() - started
    probes = [f"{rnd.getrandbits(256):064x}" for _ in range(queries)]
    probes[0] = entries[size // 2].value  # one real hit
    times = []
    for probe in probes:
        started = time.perf_counter()
        bank.match_image(pdq_hex=probe, quality=100)
        times.append(time.perf_counter() - started)
    print(
        f"PDQ bank of {size:,}: build {ms(built)}, match median {ms(statistics.median(times))}, "
        f"p95 {ms(sorted(times)[int(len(times) * 0.95)])} over {queries} queries"
    )


def bench_text_hash(count: int) -> None:
    from crossnote.moderation.detectors.hashes import text_hash

    rnd = random.Random(3)
    words = ["探店", "好物", "分享", "coffee", "Shanghai", "今天", "¥128", "https://x.cn/a?utm=1"]
    texts = [" ".join(rnd.choices(words, k=rnd.randrange(20, 120))) for _ in range(count)]
    chars = sum(len(text) for text in texts)
    started = time.perf_counter()
    for text in texts:
        text_hash(text)
    seconds = time.perf_counter() - started
    print(
        f"text_hash: {count / seconds:,.0f} posts/s ({chars / count:.0f} chars average, "
        f"{seconds / count * 1e6:.1f} µs each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=30)
    parser.add_argument("--size", type=int, default=1200, help="longest side of each test image")
    parser.add_argument("--banks", default="10000,100000", help="bank sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--texts", type=int, default=20000)
    args = parser.parse_args()

    bench_pdq_hashing(args.images, args.size)
    for size in (int(value) for value in args.banks.split(",")):
        bench_bank(size, args.queries)
    bench_text_hash(args.texts)


if __name__ == "__main__":
    main()
