"""Load the demo community: people, follows, notes with drawn pictures, likes, boards, comments.

Every write goes through the real services (crossnote.notes.services, crossnote.social.services),
so counters and notifications are what real use would leave. Only timestamps are moved afterwards,
to spread the activity over the last DAYS days. One seed always gives the same community.
"""

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import zip_longest

from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.accounts.services import DEMO_PASSWORD
from crossnote.core.errors import InvalidInput
from crossnote.demo import content
from crossnote.demo.pictures import draw_scene, pick_size
from crossnote.demo.timeline import Timeline
from crossnote.language.detection import profile_language_fields
from crossnote.notes import policies
from crossnote.notes import services as note_services
from crossnote.notes.models import (
    TITLE_MAX,
    Board,
    Comment,
    Note,
    Topic,
    Visibility,
)
from crossnote.search.services import rebuild_index
from crossnote.social import services as social_services
from crossnote.social.models import Notification

DAYS = 60
NOTES_PER_CHUNK = 20


@dataclass
class Member:
    """A demo person and what drives their behaviour."""

    user: User
    lang: str  # "zh" or "en": the language they mostly write in
    subjects: list[str]
    weight: float  # popularity: 1.0 for the most followed, falling off like a power law
    activity: float  # how often they post, relative to others
    follows: set[int] = field(default_factory=set)

    def speaks(self, lang: str) -> bool:
        return lang == "mix" or lang in self.user.languages


@dataclass
class Posted:
    """A note made by the loader, with what the later phases need to know about it."""

    note: Note
    author: Member
    subject: str
    lang: str  # "zh", "en" or "mix"
    at: datetime


def load_demo(
    *, users: int = 60, notes: int = 320, seed: int = 2025, if_empty: bool = False, stdout=None
) -> dict:
    """Make a bilingual demo community of `users` people and `notes` notes, reproducibly from
    `seed`; with `if_empty`, do nothing when the database already holds notes."""
    if users < 2:
        raise InvalidInput(_("The demo needs at least 2 users."), field="users")
    if notes < 1:
        raise InvalidInput(_("The demo needs at least 1 note."), field="notes")
    if if_empty and Note.objects.exists():
        return {"skipped": True}
    started = time.monotonic()
    community = Community(seed=seed, stdout=stdout)
    counts = community.build(users=users, notes=notes)
    # People are made with bulk_create (no save signals): put them in the search index.
    rebuild_index(kinds=["users"])
    counts["seconds"] = round(time.monotonic() - started, 1)
    return counts


class Community:
    """One run of the loader: the random source, the clock, and every stamp to set at the end."""

    def __init__(self, *, seed: int, stdout=None):
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.now = timezone.now()
        self.members: list[Member] = []
        self.posted: list[Posted] = []
        self.boards: dict[tuple[int, str], Board] = {}
        self.counts = {
            "skipped": False,
            "users": 0,
            "follows": 0,
            "notes": 0,
            "images": 0,
            "likes": 0,
            "collects": 0,
            "comments": 0,
            "replies": 0,
            "comment_likes": 0,
        }
        self.timeline = Timeline(now=self.now)  # when each thing "happened"

    def say(self, line: str) -> None:
        if self.stdout is not None:
            self.stdout.write(line + "\n")
            if hasattr(self.stdout, "flush"):
                self.stdout.flush()

    def build(self, *, users: int, notes: int) -> dict:
        first_notification = Notification.objects.aggregate(m=Max("pk"))["m"] or 0
        with transaction.atomic():
            self.make_people(users)
        with transaction.atomic():
            self.make_follows()
        self.make_notes(notes)
        with transaction.atomic():
            self.make_reactions()
        with transaction.atomic():
            self.make_comments()
        with transaction.atomic():
            self.timeline.notes = {p.note.pk: p.at for p in self.posted}
            self.timeline.apply(
                user_ids=[m.user.pk for m in self.members],
                first_notification=first_notification,
                read_after=lambda at: self.later(at, 12),
            )
        self.counts["boards"] = Board.objects.filter(
            owner__in=[m.user for m in self.members]
        ).count()
        self.counts["topics"] = Topic.objects.count()
        self.counts["notifications"] = Notification.objects.filter(
            pk__gt=first_notification
        ).count()
        return self.counts

    # --- people -----------------------------------------------------------------------------

    def _persona(self, index: int) -> tuple[str, str, str, str]:
        """(persona handle, display name, region, lang) of the index-th person: Chinese and
        English speakers alternate, and the lists repeat once they run out."""
        lang = "zh" if index % 2 == 0 else "en"
        people = content.PEOPLE_ZH if lang == "zh" else content.PEOPLE_EN
        persona, name, region = people[(index // 2) % len(people)]
        return persona, name, region, lang

    def _languages(self, persona: str, lang: str) -> list[str]:
        other = "en" if lang == "zh" else "zh"
        roll = self.rng.random()  # drawn every time: the sequence must not depend on the data
        if persona in content.BILINGUAL or roll < (0.5 if lang == "zh" else 0.3):
            return [lang, other]
        return [lang]

    def _subjects(self, persona: str) -> list[str]:
        picked = [s for hint, s in content.HANDLE_HINTS.items() if hint in persona]
        picked = list(dict.fromkeys(picked))[:2]
        others = [s for s in content.SUBJECTS if s not in picked]
        return picked + self.rng.sample(others, 3 - len(picked))

    def _popularity_ranks(self, langs: list[str]) -> list[int]:
        """A rank per person (0 = most popular), shuffled within each language and interleaved
        across them, so both halves of the community have their stars."""
        groups = {
            lang: [i for i, code in enumerate(langs) if code == lang] for lang in ("zh", "en")
        }
        for members in groups.values():
            self.rng.shuffle(members)
        first, second = self.rng.sample(["zh", "en"], 2)
        ranked = [
            index
            for pair in zip_longest(groups[first], groups[second])
            for index in pair
            if index is not None
        ]
        ranks = [0] * len(langs)
        for rank, index in enumerate(ranked):
            ranks[index] = rank
        return ranks

    def make_people(self, count: int) -> None:
        """Create the people in one insert; one Argon2 hash serves them all (it costs ~0.2 s)."""
        password = make_password(DEMO_PASSWORD)
        taken = {u.lower() for u in User.objects.values_list("username", flat=True)}
        taken |= {e.split("@")[0].lower() for e in User.objects.values_list("email", flat=True)}
        rows, plans = [], []
        for index in range(count):
            persona, name, region, lang = self._persona(index)
            # Handles already taken (a second run, real people) get a number; the persona,
            # not the handle, drives every random draw, so one seed gives one community.
            handle, bump = persona, 1
            while handle.lower() in taken:
                bump += 1
                handle = f"{persona[:27]}{bump}"
            taken.add(handle.lower())
            if not region:
                codes, weights = zip(*content.REGIONS[lang], strict=True)
                region = self.rng.choices(codes, weights=weights)[0]
            rows.append(
                User(
                    username=handle,
                    email=f"{handle.lower()}@demo.example.com",
                    password=password,
                    display_name=name,
                    bio=self.fill(self.rng.choice(content.BIOS[lang]), lang),
                    region=region,
                    languages=self._languages(persona, lang),
                    date_joined=self.now - timedelta(days=self.rng.uniform(DAYS + 1, DAYS + 120)),
                )
            )
            plans.append((lang, self._subjects(persona)))
        for row in rows:  # bulk_create bypasses sign-up: detect bios and names here
            for name, value in profile_language_fields(row).items():
                setattr(row, name, value)
        User.objects.bulk_create(rows)
        created = {
            u.username: u for u in User.objects.filter(username__in=[r.username for r in rows])
        }
        ranks = self._popularity_ranks([lang for lang, _subjects in plans])
        for rank, (row, (lang, subjects)) in zip(ranks, zip(rows, plans, strict=True), strict=True):
            self.members.append(
                Member(
                    user=created[row.username],
                    lang=lang,
                    subjects=subjects,
                    weight=1 / (rank + 1) ** 0.9,
                    activity=self.rng.uniform(0.3, 1.5),
                )
            )
        self.counts["users"] = count
        self.say(f"users {count}/{count}")

    # --- shared pickers -----------------------------------------------------------------------

    def fill(self, template: str, lang: str) -> str:
        """Fill a template's {slots}; `lang` picks Chinese or English names for the generic ones."""
        slots = {name: self.rng.choice(values) for name, values in content.SLOTS.items()}
        slots["city"] = slots["city_zh" if lang == "zh" else "city_en"]
        return template.format(**slots)

    def pick(self, pool: list, weights: list[float], k: int) -> list:
        """Up to k distinct items, each draw weighted."""
        pool, weights = list(pool), list(weights)
        chosen: list = []
        while pool and len(chosen) < k:
            i = self.rng.choices(range(len(pool)), weights=weights)[0]
            chosen.append(pool.pop(i))
            weights.pop(i)
        return chosen

    def later(self, start: datetime, mean_hours: float) -> datetime:
        """A moment after `start`, usually soon after, never in the future."""
        when = start + timedelta(hours=self.rng.expovariate(1 / mean_hours))
        if when >= self.now:
            when = start + (self.now - start) * self.rng.random()
        return when

    def audience(self, posted: Posted) -> list[Member]:
        """Who may see the note, less its author."""
        others = [m for m in self.members if m is not posted.author]
        if posted.note.visibility == Visibility.PUBLIC:
            return others
        return [m for m in others if policies.can_view_note(m.user, posted.note)]

    # --- follows ----------------------------------------------------------------------------

    def make_follows(self) -> None:
        """Each person follows a few others; popular people (high weight) gather most follows."""
        for member in self.members:
            others = [m for m in self.members if m is not member]
            weights = [m.weight * (1.6 if m.lang == member.lang else 1.0) for m in others]
            k = self.rng.randint(2, min(12, len(others))) if len(others) > 2 else len(others)
            for followee in self.pick(others, weights, k):
                if social_services.follow_user(follower=member.user, followee=followee.user):
                    member.follows.add(followee.user.pk)
                    start = max(member.user.date_joined, followee.user.date_joined)
                    self.timeline.follows[(member.user.pk, followee.user.pk)] = (
                        start + (self.now - start) * self.rng.random()
                    )
                    self.counts["follows"] += 1
        self.say(f"follows {self.counts['follows']}")

    # --- notes ------------------------------------------------------------------------------

    def _note_lang(self, author: Member) -> str:
        roll = self.rng.random()
        if roll < 0.12:
            return "mix"
        if roll < 0.22 and len(author.user.languages) > 1:
            return "en" if author.lang == "zh" else "zh"
        return author.lang

    def _tags(self, subject: str, lang: str) -> list[str]:
        tags = content.SUBJECTS[subject]["tags"]
        if lang == "mix":
            return [tags["zh"][0], tags["en"][0]]
        other = tags["en" if lang == "zh" else "zh"]
        chosen = list(tags[lang][: self.rng.randint(1, 2)])
        if self.rng.random() < 0.5:
            chosen.append(other[0])  # cross-posting tags help the other half find the note
        return chosen

    def _mention(self, author: Member, lang: str) -> str:
        friends = [m for m in self.members if m.user.pk in author.follows] or [
            m for m in self.members if m is not author
        ]
        friend = self.rng.choice(friends)
        text_lang = "en" if lang == "mix" else lang
        return self.rng.choice(content.MENTIONS[text_lang]).format(handle=friend.user.username)

    def compose(self, author: Member, subject: str, lang: str) -> tuple[str, str]:
        """A title and a body with #topics (and now and then an @mention) in `lang`."""
        text = content.SUBJECTS[subject]
        title = self.fill(self.rng.choice(text["titles"][lang]), lang)[:TITLE_MAX]
        if lang == "mix":
            lines = self.rng.sample(text["lines"]["zh"], 1) + self.rng.sample(
                text["lines"]["en"], 1
            )
            closer_lang = self.rng.choice(["zh", "en"])
        else:
            lines = self.rng.sample(text["lines"][lang], self.rng.randint(2, 4))
            closer_lang = lang
        lines = [self.fill(line, closer_lang) for line in lines]
        closer = self.rng.choice(content.CLOSERS[closer_lang])
        if closer:
            lines.append(closer)
        if self.rng.random() < 0.12:
            lines.append(self._mention(author, lang))
        tags = " ".join(f"#{tag}" for tag in self._tags(subject, lang))
        return title, "\n".join(lines) + "\n\n" + tags

    def pictures(self, subject: str) -> list[SimpleUploadedFile]:
        """1–4 drawn pictures of one shape; each from its own seed so pictures and text vary
        independently."""
        count = self.rng.choices([1, 2, 3, 4], weights=[35, 30, 20, 15])[0]
        size = pick_size(self.rng)
        scenes = content.SUBJECTS[subject]["scenes"]
        files = []
        for index in range(count):
            scene = scenes[0] if index == 0 else self.rng.choice(scenes)
            picture_rng = random.Random(self.rng.getrandbits(32))
            data = draw_scene(scene, size, picture_rng)
            files.append(SimpleUploadedFile(f"demo-{index}.jpg", data, content_type="image/jpeg"))
        return files

    def _visibility(self) -> str:
        roll = self.rng.random()
        if roll < 0.03:
            return Visibility.FOLLOWERS
        if roll < 0.04:
            return Visibility.PRIVATE
        return Visibility.PUBLIC

    def make_notes(self, count: int) -> None:
        """Post `count` notes, oldest first, at times spread over the last DAYS days; Chinese
        and English speakers take turns, so the feed is about half and half."""
        offsets = sorted((self.rng.random() ** 1.3 * DAYS for _i in range(count)), reverse=True)
        sides = self.rng.sample(["zh", "en"], 2)
        authors = {lang: [m for m in self.members if m.lang == lang] for lang in sides}
        weights = {
            lang: [m.activity * (0.5 + m.weight) for m in group] for lang, group in authors.items()
        }
        for start in range(0, count, NOTES_PER_CHUNK):
            with transaction.atomic():
                for number in range(start, min(start + NOTES_PER_CHUNK, count)):
                    side = sides[number % 2]
                    author = self.rng.choices(authors[side], weights=weights[side])[0]
                    self._post(author, offsets[number])
            self.say(f"notes {len(self.posted)}/{count}")

    def _post(self, author: Member, offset_days: float) -> None:
        if self.rng.random() < 0.75:
            subject = self.rng.choice(author.subjects)
        else:
            subject = self.rng.choice(list(content.SUBJECTS))
        lang = self._note_lang(author)
        title, body = self.compose(author, subject, lang)
        images = self.pictures(subject)
        note = note_services.create_note(
            author=author.user,
            title=title,
            body=body,
            images=images,
            visibility=self._visibility(),
        )
        at = self.now - timedelta(days=offset_days)
        self.posted.append(Posted(note=note, author=author, subject=subject, lang=lang, at=at))
        self.counts["notes"] += 1
        self.counts["images"] += len(images)

    # --- likes and collects -----------------------------------------------------------------

    def make_reactions(self) -> None:
        """Likes (more for popular authors), and some of the likers save the note to a board."""
        for posted in self.posted:
            viewers = self.audience(posted)
            if not viewers:
                continue
            mean = 2 + 22 * posted.author.weight
            k = min(len(viewers), int(self.rng.expovariate(1 / mean)))
            weights = [1.5 if m.speaks(posted.lang) else 1.0 for m in viewers]
            for member in self.pick(viewers, weights, k):
                at = self.later(posted.at, 30)
                if note_services.like_note(user=member.user, note=posted.note):
                    self.timeline.likes[(member.user.pk, posted.note.pk)] = at
                    self.counts["likes"] += 1
                if self.rng.random() < 0.3:
                    self.collect(member, posted, self.later(at, 2))
        self.say(f"likes {self.counts['likes']}, collects {self.counts['collects']}")

    def collect(self, member: Member, posted: Posted, at: datetime) -> None:
        """Save to the subject's board in the member's language, or to the default board."""
        board = None
        if self.rng.random() < 0.75:
            name = content.SUBJECTS[posted.subject]["board"][member.lang]
            board = self.boards.get((member.user.pk, name))
            if board is None:
                board = note_services.create_board(
                    owner=member.user, name=name, is_private=self.rng.random() < 0.15
                )
                self.boards[(member.user.pk, name)] = board
        saved = note_services.collect_note(user=member.user, note=posted.note, board=board)
        self.timeline.collects[(saved.board_id, posted.note.pk)] = at
        self.counts["collects"] += 1

    # --- comments ---------------------------------------------------------------------------

    def _comment_lang(self, member: Member, posted: Posted) -> str:
        if posted.lang != "mix" and member.speaks(posted.lang):
            return posted.lang
        return member.lang

    def make_comments(self) -> None:
        """Comments in each commenter's language, some replies (mostly by the author), some
        comment likes."""
        for posted in self.posted:
            viewers = self.audience(posted)
            if not viewers:
                continue
            mean = 0.8 + 4 * posted.author.weight
            k = min(12, int(self.rng.expovariate(1 / mean)))
            for _i in range(k):
                member = self.rng.choice(viewers)
                lang = self._comment_lang(member, posted)
                body = self.rng.choice(content.COMMENTS[lang])
                if self.rng.random() < 0.08:
                    friend = self.rng.choice([m for m in self.members if m is not member])
                    body = content.COMMENT_MENTIONS[lang].format(handle=friend.user.username)
                comment = note_services.add_comment(author=member.user, note=posted.note, body=body)
                at = self.later(posted.at, 20)
                self.timeline.comments[comment.pk] = at
                self.counts["comments"] += 1
                self.like_comments(comment, posted, viewers, at)
                if self.rng.random() < 0.35:
                    self.reply(comment, posted, viewers, at)
        self.say(
            f"comments {self.counts['comments']}, replies {self.counts['replies']}, "
            f"comment likes {self.counts['comment_likes']}"
        )

    def reply(self, comment: Comment, posted: Posted, viewers: list[Member], at: datetime):
        replier = posted.author if self.rng.random() < 0.7 else self.rng.choice(viewers)
        lang = self._comment_lang(replier, posted)
        body = self.fill(self.rng.choice(content.REPLIES[lang]), lang)
        reply = note_services.add_comment(
            author=replier.user, note=posted.note, body=body, parent=comment
        )
        when = self.later(at, 6)
        self.timeline.comments[reply.pk] = when
        self.counts["comments"] += 1
        self.counts["replies"] += 1
        self.like_comments(reply, posted, viewers, when)

    def like_comments(self, comment: Comment, posted: Posted, viewers: list[Member], at):
        likers = self.pick(viewers, [1.0] * len(viewers), int(self.rng.expovariate(1.0)))
        if self.rng.random() < 0.3:
            likers.append(posted.author)
        for member in likers:
            if note_services.like_comment(user=member.user, comment=comment):
                self.timeline.comment_likes[(member.user.pk, comment.pk)] = self.later(at, 8)
                self.counts["comment_likes"] += 1
