"""`crossnote demo --influx`: replay a sudden wave of newcomers over simulated weeks, so the
insights pages have a story on a fresh install (like January 2025, when many English speakers
joined a Chinese notes app within days).

Over WEEKS weeks ending today: a steady trickle of sign-ups (mostly Chinese-speaking), then, five
weeks in, a wave that peaks at dozens of English speakers a day. Each person is active on a day
with a probability that decays from their sign-up (newcomers faster than the baseline, a minority
of "stayers" settling at a higher floor); an active day means some of: a log-in, likes, comments,
replies, follows, a note, translation requests. Rows are written in bulk with their simulated
timestamps (no notifications, no search entries, no images: notes are text cards), then rolled
up and the wave alert is checked. One seed always gives the same story.
"""

import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from crossnote.accounts.models import User
from crossnote.accounts.services import DEMO_PASSWORD
from crossnote.moderation.models import Decision
from crossnote.notes.models import Comment, Note, NoteLike
from crossnote.privacy.models import LoginEvent
from crossnote.social.models import Follow

WEEKS = 12
WAVE_AFTER_DAYS = 35  # the wave starts this many days into the simulated weeks
WAVE_SHAPE = [0.10, 0.26, 0.22, 0.15, 0.11, 0.08, 0.05, 0.03]  # share of newcomers per wave day
# What the wave's moderation decisions are about, 5:3:2:1 (spam follows crowds); picked by the
# comment's id, so the seeded random stream (and every other figure) stays as it was.
MODERATED = ["spam"] * 5 + ["profanity"] * 3 + ["harassment"] * 2 + ["scam"]

EN_NAMES = "Ava Mason Liam Emma Noah Olivia Ethan Sophia Lucas Mia Jackson Harper Aiden Ella Caleb Zoe Logan Chloe Wyatt Lily Owen Nora Jayden Riley".split()
EN_PLACES = "ohio texas jersey miami seattle denver austin bronx vegas tulsa boise reno".split()
ZH_NAMES = [
    "小雨",
    "阿杰",
    "晓梅",
    "大伟",
    "思思",
    "小鹿",
    "阿明",
    "可可",
    "乐乐",
    "子涵",
    "浩然",
    "一诺",
]
ZH_HANDLES = "xiaoyu ajie xiaomei dawei sisi xiaolu aming keke lele zihan haoran yinuo".split()
EN_TITLES = [
    "Hi from {place}! First note here",
    "My cat says ni hao",
    "Trying to cook mapo tofu",
    "What does 家人们 mean?",
    "Learning Chinese day {n}",
    "My dog, my garden, my town",
]
ZH_TITLES = [
    "欢迎新朋友！",
    "今天做了红烧肉",
    "教外国朋友说中文",
    "我家的猫",
    "周末去爬山",
    "美国网友太可爱了",
]
EN_COMMENTS = [
    "So cute!",
    "Thank you for the welcome!",
    "How do I say this in Chinese?",
    "Love this",
    "Greetings from the US!",
]
ZH_COMMENTS = ["欢迎欢迎！", "太可爱了", "你的中文很好", "哈哈哈哈", "家人们好"]


@dataclass
class Person:
    pk: int
    lang: str
    joined: date
    tau: float  # days for activity to fall by e
    floor: float  # long-run daily activity
    newcomer: bool

    def p_active(self, day: date) -> float:
        age = (day - self.joined).days
        if age < 0:
            return 0.0
        if age == 0:
            return 1.0
        return self.floor + (0.5 - self.floor) * math.exp(-age / self.tau)


def add_tallies(day: date, tallies: dict[tuple[str, str], int]) -> None:
    """Add the simulated translation requests of `day` to its tallies: a pair that already has a
    row there (real translations, the demo's, an earlier run) is counted up, not made twice."""
    from crossnote.insights.models import TranslationTally

    if not tallies:
        return
    rows = TranslationTally.objects.filter(day=day)
    existing = set(rows.values_list("source", "target"))
    for (source, target), n in tallies.items():
        if (source, target) in existing:
            rows.filter(source=source, target=target).update(count=F("count") + n)
    TranslationTally.objects.bulk_create(
        [
            TranslationTally(day=day, source=source, target=target, count=n)
            for (source, target), n in tallies.items()
            if (source, target) not in existing
        ]
    )


@contextmanager
def keep_timestamps(*models):
    """Let bulk_create keep the created_at/updated_at we set (the simulation writes the past).
    Flips auto_now(_add) for the duration: a command-line tool only, never in a web process."""
    fields = [
        f
        for m in models
        for f in m._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


class Influx:
    """One run: the random source, the people, the notes and comments to interact with."""

    def __init__(self, *, seed: int, newcomers: int, baseline_per_day: float, today: date):
        self.rng = random.Random(seed)
        self.newcomers = newcomers
        self.baseline_per_day = baseline_per_day
        self.today = today
        self.start = today - timedelta(days=WEEKS * 7 - 1)
        self.people: list[Person] = []
        self.notes: list[tuple[datetime, int, int, str]] = []  # at, pk, author, language
        self.comments: list[tuple[int, int, int]] = []  # pk, note, author
        self.follows: set[tuple[int, int]] = set()
        self.likes: set[tuple[int, int]] = set()
        self.counts: dict[str, float] = dict.fromkeys(
            ["people", "newcomers", "notes", "comments", "likes", "follows", "logins"], 0
        )

    def at(self, day: date) -> datetime:
        seconds = self.rng.randint(7 * 3600, 23 * 3600)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds)

    # --- people ------------------------------------------------------------------------------

    def signups(self) -> list[tuple[date, bool]]:
        plan = []
        for i in range((self.today - self.start).days + 1):
            day = self.start + timedelta(days=i)
            n = self.baseline_per_day * self.rng.uniform(0.4, 1.6)
            plan += [(day, False)] * round(n)
        wave_start = self.start + timedelta(days=WAVE_AFTER_DAYS)
        for i, share in enumerate(WAVE_SHAPE):
            plan += [(wave_start + timedelta(days=i), True)] * round(self.newcomers * share)
        return plan

    def make_people(self) -> None:
        password = make_password(DEMO_PASSWORD)  # one Argon2 hash serves them all
        taken = set(User.objects.values_list("username", flat=True))
        rows, plans = [], []
        for day, newcomer in self.signups():
            if newcomer:
                lang = "en"
                first = self.rng.choice(EN_NAMES)
                handle = f"{first.lower()}_{self.rng.choice(EN_PLACES)}"
                display = f"{first} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}."
                region = self.rng.choices(["US", "GB", "CA", "AU"], [80, 8, 8, 4])[0]
                languages = ["en", "zh"] if self.rng.random() < 0.15 else ["en"]
            else:
                lang = "zh" if self.rng.random() < 0.8 else "en"
                k = self.rng.randrange(len(ZH_NAMES))
                handle = ZH_HANDLES[k] if lang == "zh" else self.rng.choice(EN_NAMES).lower()
                display = ZH_NAMES[k] if lang == "zh" else handle.title()
                region = (
                    self.rng.choices(["CN", "TW", "SG", "MY"], [85, 6, 5, 4])[0]
                    if lang == "zh"
                    else "US"
                )
                languages = (
                    [lang, "en" if lang == "zh" else "zh"] if self.rng.random() < 0.4 else [lang]
                )
            base, n = handle[:24], 1
            while handle in taken:
                n += 1
                handle = f"{base}{n}"
            taken.add(handle)
            joined = self.at(day)
            rows.append(
                User(
                    username=handle,
                    email=f"{handle}@influx.example",
                    password=password,
                    display_name=display,
                    region=region,
                    languages=languages,
                    data_region=settings.CROSSNOTE_DATA_REGIONS.get(region, "global"),
                    date_joined=joined,
                    last_login=joined,
                )
            )
            stayer = self.rng.random() < (0.2 if newcomer else 0.35)
            tau = self.rng.uniform(2.5, 4) if newcomer else self.rng.uniform(5, 9)
            floor = (0.15 if stayer else 0.01) if newcomer else (0.2 if stayer else 0.03)
            plans.append((lang, day, tau, floor, newcomer))
        User.objects.bulk_create(rows, batch_size=500)
        made = User.objects.filter(username__in=[r.username for r in rows]).values_list(
            "username", "pk"
        )
        pks = dict(made)
        for row, (lang, day, tau, floor, newcomer) in zip(rows, plans, strict=True):
            self.people.append(Person(pks[row.username], lang, day, tau, floor, newcomer))
        self.counts["people"] = len(rows)
        self.counts["newcomers"] = sum(p.newcomer for p in self.people)

    # --- activity ------------------------------------------------------------------------------

    def existing_notes(self) -> None:
        for at, pk, author, language in Note.objects.filter(visibility="public").values_list(
            "created_at", "pk", "author_id", "language"
        ):
            self.notes.append((at, pk, author, language or "en"))
        self.notes.sort()

    def simulate(self) -> None:
        from crossnote.language.models import Translation  # noqa: F401 - the bridge is installed

        for i in range((self.today - self.start).days + 1):
            day = self.start + timedelta(days=i)
            active = [p for p in self.people if self.rng.random() < p.p_active(day)]
            logins = [
                LoginEvent(user_id=p.pk, at=self.at(day)) for p in active if self.rng.random() < 0.6
            ]
            with keep_timestamps(LoginEvent):
                LoginEvent.objects.bulk_create(logins)
            self.counts["logins"] += len(logins)
            self.day_of_notes(day, active)
            self.day_of_reactions(day, active)

    def day_of_notes(self, day: date, active: list[Person]) -> None:
        rows = []
        for p in active:
            if self.rng.random() < (0.12 if p.newcomer else 0.08):
                at = self.at(day)
                titles = EN_TITLES if p.lang == "en" else ZH_TITLES
                title = self.rng.choice(titles).format(
                    place=self.rng.choice(EN_PLACES).title(), n=(day - p.joined).days + 1
                )
                rows.append(
                    Note(
                        author_id=p.pk,
                        title=title[:100],
                        body=title,
                        language=p.lang,
                        language_confidence=0.9,
                        created_at=at,
                        updated_at=at,
                    )
                )
        with keep_timestamps(Note):
            made = Note.objects.bulk_create(rows)
        for note in made:
            self.notes.append((note.created_at, note.pk, note.author_id, note.language))
        self.counts["notes"] += len(made)

    def day_of_reactions(self, day: date, active: list[Person]) -> None:
        end = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)
        visible = [n for n in self.notes if n[0] < end - timedelta(hours=1)]
        recent = visible[-300:]
        if not recent:
            return
        likes, comments, follows = [], [], []
        tallies: dict[tuple[str, str], int] = {}
        for p in active:
            for _ in range(self.rng.randint(1, 4)):
                at, note, author, language = self.rng.choice(recent)
                if author != p.pk and (p.pk, note) not in self.likes:
                    self.likes.add((p.pk, note))
                    when = max(at + timedelta(minutes=5), self.at(day))
                    likes.append(
                        NoteLike(user_id=p.pk, note_id=note, created_at=when, updated_at=when)
                    )
                if language != p.lang and self.rng.random() < 0.5:
                    pair = (language, p.lang)
                    tallies[pair] = tallies.get(pair, 0) + 1
            if self.rng.random() < 0.3:
                at, note, author, language = self.rng.choice(recent)
                when = max(at + timedelta(minutes=10), self.at(day))
                text = self.rng.choice(EN_COMMENTS if p.lang == "en" else ZH_COMMENTS)
                comments.append(
                    Comment(
                        note_id=note,
                        author_id=p.pk,
                        body=text,
                        language=p.lang,
                        created_at=when,
                        updated_at=when,
                    )
                )
            if self.rng.random() < 0.2:
                at, note, author, language = self.rng.choice(recent)
                if author != p.pk and (p.pk, author) not in self.follows:
                    self.follows.add((p.pk, author))
                    when = self.at(day)
                    follows.append(
                        Follow(
                            follower_id=p.pk, followee_id=author, created_at=when, updated_at=when
                        )
                    )
        replies = self.replies(day, active)
        with keep_timestamps(NoteLike, Comment, Follow):
            NoteLike.objects.bulk_create(likes)
            made = Comment.objects.bulk_create(comments)
            Comment.objects.bulk_create(replies)
            Follow.objects.bulk_create(follows)
        self.comments += [(c.pk, c.note_id, c.author_id) for c in made]
        add_tallies(day, tallies)
        self.counts["likes"] += len(likes)
        self.counts["comments"] += len(made) + len(replies)
        self.counts["follows"] += len(follows)

    def replies(self, day: date, active: list[Person]) -> list:
        if not self.comments:
            return []
        rows = []
        for p in active:
            if self.rng.random() < 0.12:
                parent, note, author = self.rng.choice(self.comments[-200:])
                if author == p.pk:
                    continue
                when = self.at(day)
                text = self.rng.choice(EN_COMMENTS if p.lang == "en" else ZH_COMMENTS)
                rows.append(
                    Comment(
                        note_id=note,
                        author_id=p.pk,
                        parent_id=parent,
                        reply_to_id=author,
                        body=text,
                        language=p.lang,
                        created_at=when,
                        updated_at=when,
                    )
                )
        return rows

    def moderation(self) -> None:
        """A little more moderation while the wave lands (spam follows crowds)."""
        rows = []
        picked = Comment.objects.filter(author_id__in=[p.pk for p in self.people]).values_list(
            "pk", "author_id", "created_at"
        )
        for pk, author, at in picked:
            if self.rng.random() < 0.03:
                action = self.rng.choices(["label", "limit", "hold", "remove"], [3, 2, 3, 2])[0]
                human = self.rng.random() < 0.3
                category = MODERATED[pk % len(MODERATED)]
                rows.append(
                    Decision(
                        kind="comment",
                        object_id=pk,
                        author_id=author,
                        action=action,
                        category=category,
                        automated=not human,
                        created_at=at,
                        updated_at=at,
                    )
                )
        with keep_timestamps(Decision):
            Decision.objects.bulk_create(rows)
        self.counts["moderation"] = len(rows)

    def fix_counters(self) -> None:
        """Like, comment, note and follow counters as real use would have left them."""

        def count(model, field):
            return Coalesce(
                Subquery(
                    model.objects.filter(**{field: OuterRef("pk")})
                    .order_by()
                    .values(field)
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )

        touched = (
            {n for _u, n in self.likes}
            | {n for _c, n, _a in self.comments}
            | {n[1] for n in self.notes}
        )
        Note.objects.filter(pk__in=list(touched)).update(
            like_count=count(NoteLike, "note"), comment_count=count(Comment, "note")
        )
        people = {p.pk for p in self.people} | {b for _a, b in self.follows}
        User.objects.filter(pk__in=list(people)).update(
            note_count=count(Note, "author"),
            follower_count=count(Follow, "followee"),
            following_count=count(Follow, "follower"),
        )


def simulate_influx(
    *, seed: int = 2025, newcomers: int = 360, baseline_per_day: float = 3.0, stdout=None
) -> dict:
    """Replay the wave (module docstring), roll the weeks up and check the wave alert; returns
    counts and the seconds it took."""
    from crossnote.insights import rollups, services

    started = time.monotonic()
    run = Influx(
        seed=seed,
        newcomers=newcomers,
        baseline_per_day=baseline_per_day,
        today=timezone.now().date(),
    )
    with transaction.atomic():
        run.make_people()
        run.existing_notes()
        run.simulate()
        run.moderation()
        run.fix_counters()
    if stdout is not None:
        stdout.write(
            f"Influx: {run.counts['newcomers']} newcomers in a wave, rolling up {WEEKS} weeks…\n"
        )
    rollups.rollup_days(start=run.start, end=run.today)
    services.raise_wave_alerts()
    run.counts["seconds"] = round(time.monotonic() - started, 1)
    return run.counts
