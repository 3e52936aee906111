"""The synthetic world: N people, a power-law follower graph, and their notes, likes and comments
in Chinese and English, written fast and reproducibly from a seed (for benchmarks and load tests).

Unlike the demo community (crossnote.demo.services, every write through the real services), the
world is written with raw `executemany` in big transactions, which is what makes a million notes
take minutes instead of days on SQLite:

- Rows are built in Python from one seeded `random.Random`, so a seed always gives the same world
  (same people, follows, notes, likes and comments, with ids counted from the first free id).
- Counters (likes, comments, followers, following, notes, topic notes) are computed while the
  rows are made, so they agree with the rows without a recount.
- Language is set directly (the text is generated, its language known); moderation and the
  language detector are skipped; a small share of notes is marked limited or labelled so that
  ranking meets every moderation state. No notifications are written.
- Every note shares one of a dozen pre-made image variants (real files, processed once).
- On SQLite, PRAGMA synchronous=OFF and journal_mode=OFF hold only while writing; WAL and
  synchronous=NORMAL are restored afterwards, then ANALYZE runs.
- The search index is not built here: run `crossnote search reindex` afterwards if you need it.

Column lists come from the models, so a column another app adds gets its model default.
"""

import bisect
import itertools
import json
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core.errors import InvalidInput
from crossnote.core.images import process_image
from crossnote.demo import content
from crossnote.demo.pictures import draw_scene
from crossnote.demo.services import DEMO_PASSWORD
from crossnote.notes.models import Comment, ModerationState, Note, NoteImage, NoteLike, Topic
from crossnote.social.models import Follow

NOTES_PER_USER = 20
DAYS = 180
CHUNK = 20_000  # notes per transaction
IMAGE_VARIANTS = 12
MAX_LIKES = 5_000
HANDLE_PREFIX = "w"  # world handles: w<seed>_<index>, never a demo persona's


@dataclass
class Person:
    lang: str
    languages: list[str]
    subjects: list[str]
    region: str
    name: str
    popularity: float = 0.0  # followers / the most followed person's followers, 0..1
    followers: int = 0
    following: int = 0
    notes: int = 0


@dataclass
class World:
    """What one build wrote, and how long each phase took."""

    seed: int
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


class Table:
    """A raw multi-row insert into one model's table: the given columns in order, every other
    column its model default (computed once)."""

    def __init__(self, model, given: list[str]):
        meta = model._meta
        self.model = model
        defaults: dict[str, Any] = {}
        for model_field in meta.concrete_fields:
            if model_field.attname in given or model_field.primary_key:
                continue  # given, or an id the database numbers
            if model_field.null and not model_field.has_default():
                defaults[model_field.column] = None
            else:
                defaults[model_field.column] = model_field.get_db_prep_save(
                    model_field.get_default(), connection
                )
        columns = [meta.get_field(name).column for name in given] + list(defaults)
        mark = "?" if connection.vendor == "sqlite" else "%s"
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        self.sql = (
            f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({quoted}) "  # noqa: S608
            f"VALUES ({', '.join([mark] * len(columns))})"
        )
        self.tail = tuple(defaults.values())
        self.rows = 0

    def insert(self, rows) -> None:
        tail = self.tail
        batch = [row + tail for row in rows]
        if not batch:
            return
        raw = connection.connection
        if connection.vendor == "sqlite":
            raw.executemany(self.sql, batch)
        else:
            with raw.cursor() as cursor:
                cursor.executemany(self.sql, batch)
        self.rows += len(batch)


def _stamp(ts: float):
    """A timestamp as the database driver takes it (SQLite: naive UTC text)."""
    moment = datetime.fromtimestamp(ts, UTC)
    if connection.vendor == "sqlite":
        return moment.replace(tzinfo=None).isoformat(" ")
    return moment


def _json(value):
    return json.dumps(value) if connection.vendor == "sqlite" else _jsonb(value)


def _jsonb(value):
    from psycopg.types.json import Jsonb

    return Jsonb(value)


def _next_id(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


class Builder:
    """One build: the random source, the clock, the people and their graph."""

    def __init__(self, *, users: int, notes: int, seed: int, now: datetime, stdout=None):
        self.users, self.total_notes, self.seed = users, notes, seed
        self.rng = random.Random(seed)
        self.now = now.timestamp()
        self.start = self.now - DAYS * 86400
        self.stdout = stdout
        self.world = World(seed=seed)
        self.people: list[Person] = []
        self.topic_ids: dict[str, int] = {}
        self.topic_counts: dict[int, int] = {}
        self.texts: dict[tuple[str, str], tuple[list[str], list[str]]] = {}

    def say(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line + "\n")
            if hasattr(self.stdout, "flush"):
                self.stdout.flush()

    def phase(self, name: str, started: float) -> None:
        self.world.seconds[name] = round(time.monotonic() - started, 1)
        self.say(f"  {name}: {self.world.seconds[name]} s")

    # --- people and the follower graph --------------------------------------------------------

    def plan_people(self) -> None:
        regions = {
            lang: [code for code, _w in options] for lang, options in content.REGIONS.items()
        }
        weights = {lang: [w for _c, w in options] for lang, options in content.REGIONS.items()}
        subjects = list(content.SUBJECTS)
        for _index in range(self.users):
            lang = "zh" if self.rng.random() < 0.55 else "en"
            other = "en" if lang == "zh" else "zh"
            both = self.rng.random() < (0.35 if lang == "zh" else 0.2)
            people = content.PEOPLE_ZH if lang == "zh" else content.PEOPLE_EN
            _handle, name, region = people[self.rng.randrange(len(people))]
            region = region or self.rng.choices(regions[lang], weights[lang])[0]
            self.people.append(
                Person(
                    lang=lang,
                    languages=[lang, other] if both else [lang],
                    subjects=self.rng.sample(subjects, 3),
                    region=region,
                    name=name,
                )
            )

    def plan_speakers(self) -> None:
        self.speakers = {"any": list(range(self.users))}
        for lang in ("zh", "en"):
            self.speakers[lang] = [
                i for i, p in enumerate(self.people) if lang in p.languages
            ] or self.speakers["any"]

    def plan_follows(self) -> list[tuple[int, int]]:
        """Who follows whom: out-degrees from a Pareto law, followees by a Zipf law over a
        shuffled popularity rank (a few people have most of the followers)."""
        n = self.users
        rank = list(range(n))
        self.rng.shuffle(rank)
        cumulative = list(itertools.accumulate(1 / (r + 1) ** 0.9 for r in range(n)))
        total = cumulative[-1]
        pairs = []
        for follower in range(n):
            degree = min(int(self.rng.paretovariate(1.3) * 4), 2_000, n - 1)
            chosen: set[int] = set()
            for _n in range(degree * 2):
                if len(chosen) >= degree:
                    break
                r = bisect.bisect_left(cumulative, self.rng.random() * total)
                followee = rank[min(r, n - 1)]
                if followee != follower:
                    chosen.add(followee)
            for followee in sorted(chosen):
                pairs.append((follower, followee))
                self.people[follower].following += 1
                self.people[followee].followers += 1
        most = max((p.followers for p in self.people), default=1) or 1
        for person in self.people:
            person.popularity = person.followers / most
        return pairs

    def write_people(self, first_user: int) -> None:
        password = make_password(DEMO_PASSWORD)
        table = Table(
            User,
            [
                "id",
                "username",
                "email",
                "password",
                "display_name",
                "region",
                "languages",
                "is_active",
                "date_joined",
                "follower_count",
                "following_count",
                "note_count",
            ],
        )
        rows = []
        for index, person in enumerate(self.people):
            handle = f"{HANDLE_PREFIX}{self.seed}_{index}"
            joined = self.start - self.rng.random() * 30 * 86400
            rows.append(
                (
                    first_user + index,
                    handle,
                    f"{handle}@world.example",
                    password,
                    person.name,
                    person.region,
                    _json(person.languages),
                    True,
                    _stamp(joined),
                    person.followers,
                    person.following,
                    person.notes,
                )
            )
        table.insert(rows)
        self.world.counts["users"] = table.rows

    def write_follows(self, pairs, first_user: int) -> None:
        table = Table(Follow, ["id", "follower_id", "followee_id", "created_at", "updated_at"])
        first = _next_id(Follow)
        span = self.now - self.start
        for offset in range(0, len(pairs), 100_000):
            rows = []
            for i, (a, b) in enumerate(pairs[offset : offset + 100_000], start=offset):
                at = _stamp(self.start + self.rng.random() * span)
                rows.append((first + i, first_user + a, first_user + b, at, at))
            table.insert(rows)
        self.world.counts["follows"] = table.rows

    # --- topics, texts and pictures -----------------------------------------------------------

    def make_topics(self) -> None:
        for subject in content.SUBJECTS.values():
            for lang in ("zh", "en"):
                for tag in subject["tags"][lang]:
                    topic, _created = Topic.objects.get_or_create(name=tag.casefold())
                    self.topic_ids[tag.casefold()] = topic.pk
                    self.topic_counts.setdefault(topic.pk, 0)

    def _fill(self, template: str, lang: str) -> str:
        slots = {key: self.rng.choice(values) for key, values in content.SLOTS.items()}
        slots.setdefault("n", "3")
        try:
            return template.format(**slots)
        except (KeyError, IndexError):
            return template

    def make_texts(self) -> None:
        """Forty titles and bodies per (subject, language), drawn once and shared."""
        for name, subject in content.SUBJECTS.items():
            for lang in ("zh", "en"):
                titles = [
                    self._fill(self.rng.choice(subject["titles"][lang]), lang)[:100]
                    for _n in range(40)
                ]
                bodies = []
                for _n in range(40):
                    lines = self.rng.sample(subject["lines"][lang], 2)
                    closer = self.rng.choice(content.CLOSERS[lang])
                    tags = " ".join(f"#{t}" for t in subject["tags"][lang])
                    text = " ".join(self._fill(line, lang) for line in lines)
                    bodies.append(f"{text} {closer}\n{tags}".strip())
                self.texts[(name, lang)] = (titles, bodies)

    def make_pictures(self) -> dict[str, list[dict]]:
        """A dozen pictures, processed once and stored; notes share them by subject scene."""
        scenes = sorted({s for subject in content.SUBJECTS.values() for s in subject["scenes"]})
        pictures: dict[str, list[dict]] = {}
        for index in range(IMAGE_VARIANTS):
            scene = scenes[index % len(scenes)]
            size = (720, 960) if index % 3 else (960, 720)
            data = draw_scene(scene, size, self.rng)
            processed = process_image(SimpleUploadedFile("world.jpg", data, "image/jpeg"))
            names = {}
            for variant in processed.variants.values():
                names[variant.name] = default_storage.save(
                    f"notes/world/{self.seed}-{index}-{variant.name}.{variant.extension}",
                    ContentFile(variant.content),
                )
            thumb, large = processed.variants["thumb"], processed.variants["large"]
            pictures.setdefault(scene, []).append(
                {
                    "thumb": names["thumb"],
                    "thumb_width": thumb.width,
                    "thumb_height": thumb.height,
                    "large": names["large"],
                    "large_width": large.width,
                    "large_height": large.height,
                    "blurhash": processed.blurhash,
                    "pdq_hash": processed.pdq,
                }
            )
        return pictures

    # --- notes, likes and comments ------------------------------------------------------------

    def plan_authors(self) -> list[int]:
        """The author of each note, oldest note first: activity follows a Pareto law."""
        activity = [self.rng.paretovariate(1.2) for _n in range(self.users)]
        cumulative = list(itertools.accumulate(activity))
        total = cumulative[-1]
        authors = []
        for _n in range(self.total_notes):
            index = bisect.bisect_left(cumulative, self.rng.random() * total)
            index = min(index, self.users - 1)
            authors.append(index)
            self.people[index].notes += 1
        return authors

    def plan_times(self) -> list[float]:
        """Creation times, oldest first, denser towards now (the platform is growing)."""
        span = self.now - self.start - 60
        return sorted(
            self.start + span * (1 - self.rng.random() ** 1.6) for _n in range(self.total_notes)
        )

    def write_notes(self, authors, times, first_user: int, pictures) -> None:
        tables = {
            "note": Table(
                Note,
                [
                    "id",
                    "author_id",
                    "title",
                    "body",
                    "visibility",
                    "like_count",
                    "comment_count",
                    "moderation",
                    "content_warning",
                    "language",
                    "language_confidence",
                    "language_parts",
                    "created_at",
                    "updated_at",
                ],
            ),
            "image": Table(
                NoteImage,
                [
                    "note_id",
                    "position",
                    "thumb",
                    "thumb_width",
                    "thumb_height",
                    "large",
                    "large_width",
                    "large_height",
                    "blurhash",
                    "pdq_hash",
                    "alt_text",
                ],
            ),
            "topic": Table(Note.topics.through, ["note_id", "topic_id"]),
            "like": Table(NoteLike, ["user_id", "note_id", "created_at", "updated_at"]),
            "comment": Table(
                Comment,
                [
                    "note_id",
                    "author_id",
                    "body",
                    "like_count",
                    "moderation",
                    "content_warning",
                    "language",
                    "language_confidence",
                    "language_parts",
                    "created_at",
                    "updated_at",
                ],
            ),
        }
        first_note = _next_id(Note)
        empty_parts = _json([])
        for offset in range(0, self.total_notes, CHUNK):
            rows: dict[str, list] = {name: [] for name in tables}
            for i in range(offset, min(offset + CHUNK, self.total_notes)):
                self._note_rows(
                    rows, first_note + i, authors[i], times[i], first_user, pictures, empty_parts
                )
            with transaction.atomic():
                for name, table in tables.items():
                    table.insert(rows[name])
            done = min(offset + CHUNK, self.total_notes)
            if done % (CHUNK * 10) == 0 or done == self.total_notes:
                self.say(f"  {done:,} notes")
        for name, key in (("note", "notes"), ("image", "images"), ("like", "likes")):
            self.world.counts[key] = tables[name].rows
        self.world.counts["comments"] = tables["comment"].rows
        self.world.counts["note_topics"] = tables["topic"].rows

    def _note_rows(self, rows, note_id, author, at, first_user, pictures, empty_parts) -> None:
        rng, person = self.rng, self.people[author]
        subject = rng.choice(person.subjects)
        lang = person.lang
        titles, bodies = self.texts[(subject, lang)]
        roll = rng.random()
        visibility = "public" if roll < 0.95 else ("followers" if roll < 0.99 else "private")
        roll = rng.random()
        moderation = ModerationState.VISIBLE
        warning = ""
        if roll < 0.003:
            moderation = ModerationState.LIMITED
        elif roll < 0.005:
            moderation, warning = ModerationState.LABELLED, "Sensitive"
        scale = 1 + 40 * person.popularity
        likes = min(int((rng.paretovariate(1.5) - 1) * scale), MAX_LIKES, self.users)
        likers = rng.sample(range(self.users), likes) if likes else []
        comments = min(int(likes * rng.random() * 0.3), 50)
        stamp = _stamp(at)
        age = self.now - at
        rows["note"].append(
            (
                note_id,
                first_user + author,
                rng.choice(titles),
                rng.choice(bodies),
                visibility,
                likes,
                comments,
                moderation,
                warning,
                lang,
                0.95,
                empty_parts,
                stamp,
                stamp,
            )
        )
        picture = rng.choice(pictures[rng.choice(content.SUBJECTS[subject]["scenes"])])
        rows["image"].append(
            (
                note_id,
                0,
                picture["thumb"],
                picture["thumb_width"],
                picture["thumb_height"],
                picture["large"],
                picture["large_width"],
                picture["large_height"],
                picture["blurhash"],
                picture["pdq_hash"],
                "",
            )
        )
        tags = content.SUBJECTS[subject]["tags"][lang]
        for tag in tags[: 1 + (rng.random() < 0.5)]:
            topic_id = self.topic_ids[tag.casefold()]
            rows["topic"].append((note_id, topic_id))
            self.topic_counts[topic_id] += 1
        for liker in likers:
            when = _stamp(at + rng.random() * age)
            rows["like"].append((first_user + liker, note_id, when, when))
        for _n in range(comments):
            # Most comments come from readers of the note's language; a few cross over.
            speakers = self.speakers[lang] if rng.random() < 0.85 else self.speakers["any"]
            commenter = speakers[rng.randrange(len(speakers))]
            reader = self.people[commenter]
            their = lang if lang in reader.languages else reader.lang
            when = _stamp(at + rng.random() * age)
            rows["comment"].append(
                (
                    note_id,
                    first_user + commenter,
                    rng.choice(content.COMMENTS[their]),
                    0,
                    ModerationState.VISIBLE,
                    "",
                    their,
                    0.95,
                    empty_parts,
                    when,
                    when,
                )
            )

    def finish(self) -> None:
        for topic_id, count in self.topic_counts.items():
            if count:
                Topic.objects.filter(pk=topic_id).update(note_count=count)
        models: list[type[Model]] = [
            User,
            Follow,
            Note,
            NoteImage,
            NoteLike,
            Comment,
            Note.topics.through,
        ]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
            cursor.execute("ANALYZE")


def _sqlite_bulk_mode(on: bool) -> None:
    """Fast, unsafe writes while generating (a crash leaves a world to throw away); the
    configured durability (WAL, synchronous=NORMAL) comes back afterwards."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return  # PostgreSQL, or inside a caller's transaction (tests): keep the settings
    with connection.cursor() as cursor:
        if on:
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")
        else:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")


def build_world(
    *,
    users: int,
    notes: int | None = None,
    seed: int = 1,
    now: datetime | None = None,
    stdout=None,
) -> World:
    """Write a synthetic world of `users` people and `notes` notes (default NOTES_PER_USER
    each), reproducibly from `seed` (and `now`, the moment the world ends)."""
    if users < 2:
        raise InvalidInput(_("A world needs at least 2 users."), field="users")
    notes = users * NOTES_PER_USER if notes is None else notes
    if notes < 0:
        raise InvalidInput(_("The number of notes cannot be negative."), field="notes")
    if User.objects.filter(username__startswith=f"{HANDLE_PREFIX}{seed}_").exists():
        raise InvalidInput(
            _("This database already holds the world of seed %(seed)d: use a fresh data folder.")
            % {"seed": seed},
            field="seed",
        )
    now = now or timezone.now()
    builder = Builder(users=users, notes=notes, seed=seed, now=now, stdout=stdout)
    begun = time.monotonic()
    builder.say(f"Building a world of {users:,} people and {notes:,} notes (seed {seed})…")
    started = time.monotonic()
    builder.plan_people()
    builder.plan_speakers()
    pairs = builder.plan_follows()
    authors = builder.plan_authors()
    times = builder.plan_times()
    builder.make_topics()
    builder.make_texts()
    pictures = builder.make_pictures()
    builder.phase("plan", started)
    first_user = _next_id(User)
    _sqlite_bulk_mode(True)
    try:
        started = time.monotonic()
        with transaction.atomic():
            builder.write_people(first_user)
            builder.write_follows(pairs, first_user)
        builder.phase("people and follows", started)
        started = time.monotonic()
        builder.write_notes(authors, times, first_user, pictures)
        builder.phase("notes, images, topics, likes, comments", started)
    finally:
        _sqlite_bulk_mode(False)
    started = time.monotonic()
    builder.finish()
    builder.phase("counters and ANALYZE", started)
    builder.world.seconds["total"] = round(time.monotonic() - begun, 1)
    return builder.world
