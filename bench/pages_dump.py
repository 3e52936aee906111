"""Dump the HTML pages' output for many readers, notes and both languages, and compare two dumps.

    .venv/bin/python bench/pages_dump.py --data-dir COPY --out /tmp/before
    .venv/bin/python bench/pages_dump.py --data-dir COPY2 --out /tmp/after
    .venv/bin/python bench/pages_dump.py --compare /tmp/before /tmp/after

A change that only makes the note page, the explore page or the page chrome (nav, tab bar, badges)
cheaper must leave their HTML byte for byte the same. Each page is fetched twice (cold, then warm:
kept fragments served), in English and 简体中文, as a visitor and as several readers (a typical
reader, the authors of the notes, a moderator and a staff member when the world has them), through
Django's test client in one process; CSRF tokens are blanked. Run "before" and "after" on fresh
copies of the same world (a `git archive` tree for "before", PYTHONPATH set to it).
"""

import argparse
import difflib
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')
# What differs between two runs of one tree: the explore page's cursor (it holds the time of the
# pool) and relative times ("5 minutes ago"); absolute dates are compared as they are.
CURSOR = re.compile(r"cursor=[A-Za-z0-9_-]+")
AGO = re.compile(r'(<time datetime="[^"]+">)(?!\d{4}-\d\d-\d\d )[^<]*(</time>)')


# The explore page's notes change with the time of the run (freshness in the ranking): its cards
# are compared one by one, by note id, for the notes both dumps show, and the rest of the page
# with the cards taken out.
CARD = re.compile(r'\n<article class="note-card[^"]*" data-card>.*?</article>', re.S)
CARD_ID = re.compile(r'id="card-title-(\d+)"')


def _normal(text: str) -> list[str]:
    return AGO.sub(r"\1…\2", CURSOR.sub("cursor=…", text)).splitlines()


def _cards(text: str) -> tuple[str, dict[str, str]]:
    cards = {}
    for match in CARD.finditer(text):
        found = CARD_ID.search(match.group(0))
        cards[found.group(1) if found else match.group(0)] = match.group(0)
    return re.sub(r"(\n\[card\])+", "\n[cards]", CARD.sub("\n[card]", text)), cards


def _compare_explore(name: str, left: str, right: str) -> tuple[bool, int]:
    """(same, cards compared) for one explore page in two dumps."""
    rest_a, cards_a = _cards(left)
    rest_b, cards_b = _cards(right)
    same = True
    if _normal(rest_a) != _normal(rest_b):
        same = False
        print(f"differs outside its cards: {name}")
    common = sorted(set(cards_a) & set(cards_b))
    for key in common:
        if cards_a[key] != cards_b[key]:
            same = False
            print(f"card {key} differs: {name}")
    return same, len(common)


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differing = cards_compared = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"only in one dump: {name}")
            differing += 1
            continue
        if ".explore." in name:
            same, common = _compare_explore(name, a.read_text(), b.read_text())
            cards_compared += common
            differing += not same
            continue
        left, right = _normal(a.read_text()), _normal(b.read_text())
        if left != right:
            differing += 1
            print(f"differs: {name}")
            diff = difflib.unified_diff(left, right, lineterm="", n=0)
            for line in list(diff)[:12]:
                print("   ", line[:300])
    print(
        f"{len(names)} pages, {differing} differ (cursors and relative times aside); "
        f"{cards_compared} explore cards compared by note id"
    )
    return 1 if differing else 0


def dump(data_dir: str, out: Path, notes_wanted: int) -> None:
    os.environ["CROSSNOTE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")
    import django

    django.setup()
    import logging

    logging.getLogger("crossnote.request").setLevel(logging.WARNING)
    from django.test import Client

    from crossnote.accounts.models import User
    from crossnote.notes.models import Note

    out.mkdir(parents=True, exist_ok=True)
    public = Note.objects.filter(visibility="public")
    notes = list(
        public.filter(moderation="visible").order_by("-comment_count", "pk")[:notes_wanted]
    )
    notes += list(public.filter(moderation="labelled").order_by("pk")[:3])
    notes += list(public.filter(moderation="visible").order_by("-like_count", "pk")[:3])
    notes += list(Note.objects.exclude(visibility="public").order_by("pk")[:2])
    readers = {"visitor": None}
    typical = User.objects.filter(following_count__gte=20).order_by("pk").first()
    if typical is not None:
        readers["reader"] = typical
    for i, note in enumerate(notes[:3]):
        readers[f"author{i}"] = note.author
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    if staff is not None:
        readers["staff"] = staff
    unread = User.objects.filter(notifications__read_at__isnull=True).order_by("pk").first()
    if unread is not None:
        readers["unread"] = unread
    pages = ["/", *(f"/notes/{n.pk}/" for n in notes), f"/notes/{notes[0].pk}/?sort=new"]
    written = 0
    for who, user in readers.items():
        for language in ("en", "zh-hans"):
            client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE=language)
            client.cookies["django_language"] = language
            if user is not None:
                client.force_login(user)
            for path in pages:
                for rnd in ("cold", "warm"):
                    response = client.get(path)
                    body = CSRF.sub(r"\1-", response.content.decode())
                    slug = re.sub(r"[^a-z0-9]+", "_", path).strip("_") or "explore"
                    name = f"{who}.{language}.{slug}.{rnd}.html"
                    (out / name).write_text(f"{response.status_code}\n{body}")
                    written += 1
    print(f"{written} pages into {out} ({len(readers)} readers, {len(notes)} notes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="")
    parser.add_argument("--out", default="")
    parser.add_argument("--notes", type=int, default=6, help="the notes with most comments")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(Path(args.compare[0]), Path(args.compare[1])))
    if not args.data_dir or not args.out:
        parser.error("--data-dir and --out (or --compare BEFORE AFTER)")
    dump(args.data_dir, Path(args.out), args.notes)


if __name__ == "__main__":
    main()
