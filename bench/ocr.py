"""Text in photos (crossnote.vision): OCR time per photo, character error rate on pictures drawn
here with the Noto CJK and WenQuanYi fonts (mixed Chinese/English, several sizes, backgrounds and
faces), and how many insults drawn into an image the moderation pipeline catches.

    .venv/bin/python bench/ocr.py [--photos 48] [--insults 80] [--json]

CER is the edit distance between what was drawn and what was read, over the drawn length, with
line breaks and spaces left out (the recogniser drops most spaces between Latin words; the figure
with spaces counted is printed beside it). Insults: the moderation suite's "flag" cases
(crossnote/moderation/suite/cases_evasions.csv) that the text pipeline catches as typed text,
each drawn into a photo, read, and screened as a note's text (what vision's PHOTO_TEXT_READ does);
plus its "allow" newcomer posts drawn the same way, for false positives. Evasions: the suite's
plain insults written in full-width letters, spaced apart, with Cyrillic look-alikes and in
circled letters, drawn the same way and screened as vision screens (ocr.screening_texts).
"""

import argparse
import csv
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FONTS = {
    "noto-sans": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "noto-serif": Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    "noto-sans-bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    "wqy-zenhei": Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
}
# (background, ink): white paper, a dark screenshot, a coloured poster, a photo-like gradient.
BACKGROUNDS = {
    "white": ((255, 255, 255), (20, 20, 20)),
    "dark": ((28, 30, 36), (235, 235, 235)),
    "poster": ((214, 40, 57), (255, 240, 200)),
    "gradient": (None, (15, 15, 60)),
}
SIZES = (18, 26, 40, 64)
LINES = [
    "今天的火锅真好吃",
    "Welcome TikTok refugees!",
    "麻婆豆腐 ¥28",
    "营业时间 10:00-22:00",
    "新人报到 求互关",
    "Open daily 8am",
    "周末去成都吃火锅",
    "Free Wi-Fi 免费无线网络",
    "小红书 RedNote",
    "谢谢大家的喜欢",
    "Coffee & tea 咖啡和茶",
    "上海的咖啡很好喝",
]
SUITE = Path(__file__).resolve().parent.parent / "crossnote/moderation/suite"


def face(path: Path, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, index=2 if "Noto" in path.name else 0)


def draw(lines, *, font: Path, size: int, background: str, width: int = 0) -> bytes:
    """A PNG with `lines` drawn one under another, as a photo of a sign or a screenshot."""
    from PIL import Image, ImageDraw

    paper, ink = BACKGROUNDS[background]
    typeface = face(font, size)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    widest = max(probe.textlength(line, font=typeface) for line in lines)
    margin = max(16, size)
    width = width or int(widest + 2 * margin)
    height = int(len(lines) * size * 1.7 + 2 * margin)
    if paper is None:
        picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
        picture = Image.blend(picture, Image.new("RGB", (width, height), (250, 220, 170)), 0.6)
    else:
        picture = Image.new("RGB", (width, height), paper)
    pen = ImageDraw.Draw(picture)
    for row, line in enumerate(lines):
        pen.text((margin, margin + row * size * 1.7), line, font=typeface, fill=ink)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def squeeze(text: str, *, spaces: bool) -> str:
    text = text.replace("\n", " " if spaces else "")
    return " ".join(text.split()) if spaces else "".join(text.split())


def read(data: bytes, *, screening: bool = False) -> tuple[str, bool]:
    """(text read, whether the reading ran out of time): a timeout reads as nothing, as it does
    at intake. With `screening`, what moderation screens (ocr.Reading.screenings: each screened
    on its own; here joined by a form feed, which `acts` splits on)."""
    from crossnote.vision import ocr

    try:
        reading = ocr.read_text(data)
    except ocr.OcrFailed:
        return "", True
    return ("\f".join(reading.screenings) if screening else reading.text), False


def measure_photos(count: int, rng: random.Random) -> dict:
    from crossnote.vision import ocr

    ocr.read_text(draw(["预热 warm up"], font=FONTS["noto-sans"], size=30, background="white"))
    rows = []
    combos = [(f, s, b) for f in FONTS for s in SIZES for b in BACKGROUNDS if FONTS[f].exists()]
    rng.shuffle(combos)
    for index in range(count):
        font, size, background = combos[index % len(combos)]
        lines = rng.sample(LINES, 2 if size >= 40 else 3)
        data = draw(lines, font=FONTS[font], size=size, background=background)
        started = time.perf_counter()
        text, timed_out = read(data)
        ms = (time.perf_counter() - started) * 1000
        truth = "\n".join(lines)
        rows.append(
            {
                "font": font,
                "size": size,
                "background": background,
                "ms": ms,
                "timed_out": timed_out,
                "chars": len(squeeze(truth, spaces=False)),
                "errors": edit_distance(squeeze(truth, spaces=False), squeeze(text, spaces=False)),
                "chars_spaced": len(squeeze(truth, spaces=True)),
                "errors_spaced": edit_distance(
                    squeeze(truth, spaces=True), squeeze(text, spaces=True)
                ),
            }
        )
    return summarise(rows)


def _cer(rows, spaced=False) -> float:
    key = "_spaced" if spaced else ""
    return sum(r["errors" + key] for r in rows) / max(1, sum(r["chars" + key] for r in rows))


def summarise(rows) -> dict:
    times = sorted(r["ms"] for r in rows)
    out = {
        "photos": len(rows),
        "timed_out": sum(r["timed_out"] for r in rows),
        "ms_median": round(statistics.median(times)),
        "ms_p90": round(times[int(0.9 * (len(times) - 1))]),
        "cer": round(_cer(rows), 4),
        "cer_with_spaces": round(_cer(rows, spaced=True), 4),
        "by_size": {},
        "by_background": {},
        "by_font": {},
    }
    for key, group in (("by_size", "size"), ("by_background", "background"), ("by_font", "font")):
        for value in sorted({r[group] for r in rows}, key=str):
            subset = [r for r in rows if r[group] == value]
            out[key][str(value)] = {"photos": len(subset), "cer": round(_cer(subset), 4)}
    return out


def suite_cases(name: str, expected: str) -> list[str]:
    with (SUITE / name).open(encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["expected"] == expected]


def measure_insults(limit: int, rng: random.Random) -> dict:
    from crossnote.language.detection import language_of
    from crossnote.moderation.services import screen_text

    def acts(text: str) -> bool:
        """Whether screening acts on any of the texts (vision screens each way of reading on
        its own: ocr.Reading.screenings, joined by form feeds in `read`)."""
        for one in text.split("\f"):
            if one.strip():
                _signals, verdict = screen_text(one, kind="note", language=language_of(one)[0])
                if verdict.acts:
                    return True
        return False

    caught_as_text = [t for t in suite_cases("cases_evasions.csv", "flag") if acts(t)]
    insults = rng.sample(caught_as_text, min(limit, len(caught_as_text)))
    harmless = suite_cases("cases_newcomers.csv", "allow")[: max(10, limit // 2)]
    result = {"insults": len(insults), "caught": 0, "missed": [], "harmless": len(harmless)}
    result["timed_out"] = 0
    fonts = [f for f in FONTS.values() if f.exists()]
    for index, text in enumerate(insults):
        data = draw([text], font=fonts[index % len(fonts)], size=36, background="white")
        found, timed_out = read(data, screening=True)
        result["timed_out"] += timed_out
        if acts(found):
            result["caught"] += 1
        else:
            result["missed"].append({"drawn": text, "read": found})
    flagged = []
    for index, text in enumerate(harmless):
        data = draw([text], font=fonts[index % len(fonts)], size=36, background="white")
        found, _timed_out = read(data, screening=True)
        if acts(found) and not acts(text):
            flagged.append({"drawn": text, "read": found})
    result["harmless_flagged"] = flagged
    return result


# Evasions drawn into a picture: the suite's plain insults (cases_evasions.csv, kind "plain")
# written the ways people dodge a word filter, then drawn. Each transform leaves Chinese as it is
# except "spaced"; an insult that a transform does not change is not counted for it.
# Cyrillic look-alikes that the Noto CJK faces draw (і and ѕ are not in them: drawn, they are
# the font's empty box, which is not the evasion but a missing glyph).
CYRILLIC = str.maketrans("aceopxyABCEHKMOPTXY", "асеорхуАВСЕНКМОРТХУ")


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def spaced(text: str) -> str:
    """A space between every letter ("f u c k y o u"; 傻 逼 with ideographic spaces)."""
    out = []
    for word in text.split():
        wide = any("\u4e00" <= c <= "\u9fff" for c in word)
        out.append(("\u3000" if wide else " ").join(word))
    return "   ".join(out)


def cyrillic(text: str) -> str:
    return text.translate(CYRILLIC)


def circled(text: str) -> str:
    def one(c: str) -> str:
        if "a" <= c <= "z":
            return chr(0x24D0 + ord(c) - ord("a"))
        if "A" <= c <= "Z":
            return chr(0x24B6 + ord(c) - ord("A"))
        return c

    return "".join(one(c) for c in text)


EVASIONS = {"fullwidth": fullwidth, "spaced": spaced, "cyrillic": cyrillic, "circled": circled}


def measure_evasions() -> dict:
    """For each evasion: of the plain insults it changes (and that are caught typed that way),
    how many are caught once drawn into a picture (Noto Sans and Serif CJK, 36 px, white)."""
    from crossnote.language.detection import language_of
    from crossnote.moderation.services import screen_text

    def acts(text: str) -> bool:
        """Whether screening acts on any of the texts (vision screens each way of reading on
        its own: ocr.Reading.screenings, joined by form feeds in `read`)."""
        for one in text.split("\f"):
            if one.strip():
                _signals, verdict = screen_text(one, kind="note", language=language_of(one)[0])
                if verdict.acts:
                    return True
        return False

    plain = [t for t in suite_cases("cases_evasions.csv", "flag") if t in PLAIN_INSULTS]
    fonts = [FONTS[name] for name in ("noto-sans", "noto-serif") if FONTS[name].exists()]
    out: dict = {}
    for kind, transform in EVASIONS.items():
        row = {"cases": 0, "caught_typed": 0, "caught": 0, "missed": []}
        for index, text in enumerate(plain):
            evasive = transform(text)
            if evasive == text:
                continue
            row["cases"] += 1
            row["caught_typed"] += acts(evasive)
            drawn = draw([evasive], font=fonts[index % len(fonts)], size=36, background="white")
            found, _timed_out = read(drawn, screening=True)
            if acts(found):
                row["caught"] += 1
            else:
                row["missed"].append({"drawn": evasive, "read": found})
        out[kind] = row
    return out


PLAIN_INSULTS = {
    "你就是个傻逼", "脑残", "滚你妈的", "贱人", "操你妈", "傻逼外国人滚回去",
    "you worthless piece of shit", "go kill yourself", "fuck you", "you stupid bitch",
    "shut up you fucking idiot", "stupid bastard", "you're a fucking moron", "what a retard",
    "shut the fuck up", "you are a 傻逼", "fucking 智障",
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=48)
    parser.add_argument("--insults", type=int, default=80)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--evasions-only", action="store_true", help="only the evasion cases")
    args = parser.parse_args()
    missing = [str(p) for p in FONTS.values() if not p.exists()]
    if len(missing) == len(FONTS):
        sys.exit("no CJK font installed: run scripts/install-system-deps.sh")
    os.environ["CROSSNOTE_DATA_DIR"] = tempfile.mkdtemp(prefix="crossnote-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(21)
    if args.evasions_only:
        evasions = measure_evasions()
        print(json.dumps(evasions, ensure_ascii=False, indent=2))
        return
    photos = measure_photos(args.photos, rng)
    insults = measure_insults(args.insults, rng)
    evasions = measure_evasions()
    if args.json:
        out = {"photos": photos, "insults": insults, "evasions": evasions}
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    print(
        f"OCR: {photos['photos']} photos, {photos['ms_median']} ms median, "
        f"{photos['ms_p90']} ms p90 per photo; CER {photos['cer']:.2%} "
        f"({photos['cer_with_spaces']:.2%} counting spaces); {photos['timed_out']} over the "
        "time limit"
    )
    for key in ("by_size", "by_background", "by_font"):
        parts = ", ".join(f"{k}: {v['cer']:.2%} ({v['photos']})" for k, v in photos[key].items())
        print(f"  CER {key.replace('_', ' ')}: {parts}")
    print(
        f"insults drawn into a photo: {insults['caught']}/{insults['insults']} caught "
        f"(all {insults['insults']} are caught as typed text); harmless posts drawn: "
        f"{len(insults['harmless_flagged'])}/{insults['harmless']} flagged; "
        f"{insults['timed_out']} readings over the time limit"
    )
    for miss in insults["missed"][:10]:
        print(f"  missed: {miss['drawn']!r} read as {miss['read']!r}")
    for flag in insults["harmless_flagged"][:10]:
        print(f"  flagged: {flag['drawn']!r} read as {flag['read']!r}")
    caught = sum(row["caught"] for row in evasions.values())
    cases = sum(row["cases"] for row in evasions.values())
    parts = ", ".join(f"{kind} {row['caught']}/{row['cases']}" for kind, row in evasions.items())
    print(f"evasions drawn into a photo: {caught}/{cases} caught ({parts})")
    for kind, row in evasions.items():
        for miss in row["missed"][:4]:
            print(f"  missed ({kind}): {miss['drawn']!r} read as {miss['read']!r}")


if __name__ == "__main__":
    main()
