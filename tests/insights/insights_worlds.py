"""Random small worlds for the insights tests: people, notes, comments, likes, follows, log-ins,
moderation decisions and translation tallies at chosen moments, plus a direct recount."""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from crossnote.accounts.models import User
from crossnote.insights.models import TranslationTally
from crossnote.moderation.models import Decision
from crossnote.notes.models import Comment, CommentLike, Note, NoteLike
from crossnote.privacy.models import LoginEvent
from crossnote.social.models import Follow

BASE = date(2025, 1, 10)
DAYS = 10
REGIONS = ["CN", "US", "GB", ""]
LANGS = [["zh"], ["en"], ["zh", "en"], ["en", "ja"], []]
CONTENT_LANGS = ["zh", "en", "ja", ""]
ACTIONS = ["allow", "label", "limit", "hold", "remove"]

moment = st.tuples(st.integers(0, DAYS - 1), st.sampled_from([0, 1, 3600, 43_200, 86_399]))
idx = st.integers(0, 50)

worlds = st.fixed_dictionaries(
    {
        "people": st.lists(
            st.tuples(st.integers(0, len(REGIONS) - 1), st.integers(0, len(LANGS) - 1), moment),
            min_size=2,
            max_size=7,
        ),
        "notes": st.lists(
            st.tuples(idx, st.integers(0, len(CONTENT_LANGS) - 1), moment), max_size=8
        ),
        "comments": st.lists(
            st.tuples(idx, idx, st.one_of(st.none(), idx), st.one_of(st.none(), idx), moment),
            max_size=10,
        ),
        "likes": st.lists(st.tuples(idx, idx, moment), max_size=10),
        "comment_likes": st.lists(st.tuples(idx, idx, moment), max_size=6),
        "follows": st.lists(st.tuples(idx, idx, moment), max_size=8),
        "logins": st.lists(st.tuples(idx, moment), max_size=6),
        "decisions": st.lists(
            st.tuples(st.integers(0, len(ACTIONS) - 1), st.booleans(), moment), max_size=5
        ),
        "tallies": st.lists(
            st.tuples(
                st.sampled_from(["zh", "en"]),
                st.sampled_from(["zh", "en", "ja"]),
                st.integers(1, 5),
                st.integers(0, DAYS - 1),
            ),
            max_size=4,
        ),
    }
)


def at(m) -> datetime:
    day, seconds = m
    start = datetime(BASE.year, BASE.month, BASE.day, tzinfo=UTC)
    return start + timedelta(days=day, seconds=seconds)


def _stamp(obj, when, field="created_at"):
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})


def build_world(world: dict, prefix: str = "w") -> None:
    """Create the rows `world` describes (indices wrap around what exists)."""
    people = []
    for i, (r, lang, joined) in enumerate(world["people"]):
        people.append(
            User.objects.create(
                username=f"{prefix}{i}",
                email=f"{prefix}{i}@example.com",
                region=REGIONS[r],
                languages=LANGS[lang],
                date_joined=at(joined),
            )
        )
    notes = []
    for author, lang, when in world["notes"]:
        note = Note.objects.create(
            author=people[author % len(people)], title="t", language=CONTENT_LANGS[lang]
        )
        _stamp(note, at(when))
        notes.append(note)
    comments = []
    if notes:
        for author, note, parent, reply_to, when in world["comments"]:
            top = [c for c in comments if c.parent_id is None]
            parent_row = top[parent % len(top)] if parent is not None and top else None
            comment = Comment.objects.create(
                note=parent_row.note if parent_row else notes[note % len(notes)],
                author=people[author % len(people)],
                parent=parent_row,
                reply_to=people[reply_to % len(people)]
                if parent_row and reply_to is not None
                else None,
                body="c",
                language=CONTENT_LANGS[(author + note) % len(CONTENT_LANGS)],
            )
            _stamp(comment, at(when))
            comments.append(comment)
        for user, note, when in world["likes"]:
            like, made = NoteLike.objects.get_or_create(
                user=people[user % len(people)], note=notes[note % len(notes)]
            )
            if made:
                _stamp(like, at(when))
    if comments:
        for user, comment, when in world["comment_likes"]:
            like, made = CommentLike.objects.get_or_create(
                user=people[user % len(people)], comment=comments[comment % len(comments)]
            )
            if made:
                _stamp(like, at(when))
    for a, b, when in world["follows"]:
        x, y = people[a % len(people)], people[b % len(people)]
        if x != y:
            follow, made = Follow.objects.get_or_create(follower=x, followee=y)
            if made:
                _stamp(follow, at(when))
    for user, when in world["logins"]:
        event = LoginEvent.objects.create(user=people[user % len(people)])
        _stamp(event, at(when), "at")
    for action, automated, when in world["decisions"]:
        decision = Decision.objects.create(
            kind="note", object_id=1, action=ACTIONS[action], automated=automated
        )
        _stamp(decision, at(when))
    for source, target, count, day in world["tallies"]:
        row, _made = TranslationTally.objects.get_or_create(
            day=BASE + timedelta(days=day), source=source, target=target
        )
        row.count += count
        row.save()


def recount() -> dict[tuple, int]:
    """Every rolled-up figure of the world, counted the slow, obvious way from the rows."""
    out: Counter = Counter()
    people = {u.pk: u for u in User.objects.all()}

    def day(dt):
        return dt.astimezone(UTC).date()

    for u in people.values():
        out[(day(u.date_joined), "signups_region", str(u.region) or "--")] += 1
        out[(day(u.date_joined), "signups_language", u.languages[0] if u.languages else "und")] += 1
    for n in Note.objects.all():
        out[(day(n.created_at), "notes_language", n.language or "und")] += 1
    for c in Comment.objects.all():
        out[(day(c.created_at), "comments_language", c.language or "und")] += 1
    for like in NoteLike.objects.select_related("note"):
        out[(day(like.created_at), "likes_language", like.note.language or "und")] += 1
    for like in CommentLike.objects.select_related("comment"):
        out[(day(like.created_at), "likes_language", like.comment.language or "und")] += 1

    pairs = []
    for c in Comment.objects.select_related("note", "parent"):
        if c.parent_id is None:
            pairs.append(("comment", c.author_id, c.note.author_id, c.created_at))
        else:
            other = c.reply_to_id or c.parent.author_id
            pairs.append(("reply", c.author_id, other, c.created_at))
    pairs += [
        ("like", x.user_id, x.note.author_id, x.created_at)
        for x in NoteLike.objects.select_related("note")
    ]
    pairs += [
        ("like", x.user_id, x.comment.author_id, x.created_at)
        for x in CommentLike.objects.select_related("comment")
    ]
    pairs += [("follow", f.follower_id, f.followee_id, f.created_at) for f in Follow.objects.all()]
    for kind, a, b, when in pairs:
        if a == b:
            continue
        out[(day(when), "interactions", kind)] += 1
        pa, pb = people[a], people[b]
        regions_differ = bool(pa.region and pb.region and str(pa.region) != str(pb.region))
        languages_differ = bool(
            pa.languages and pb.languages and not set(pa.languages) & set(pb.languages)
        )
        if regions_differ or languages_differ:
            out[(day(when), "cross_border", kind)] += 1

    active = defaultdict(set)
    for n in Note.objects.all():
        active[day(n.created_at)].add(n.author_id)
    for c in Comment.objects.all():
        active[day(c.created_at)].add(c.author_id)
    for x in list(NoteLike.objects.all()) + list(CommentLike.objects.all()):
        active[day(x.created_at)].add(x.user_id)
    for f in Follow.objects.all():
        active[day(f.created_at)].add(f.follower_id)
    for e in LoginEvent.objects.all():
        active[day(e.at)].add(e.user_id)
    for i in range(DAYS):
        d = BASE + timedelta(days=i)
        out[(d, "dau", "")] = len(active[d])
        out[(d, "wau", "")] = len(set().union(*(active[d - timedelta(days=k)] for k in range(7))))
    for t in TranslationTally.objects.all():
        out[(t.day, "translations", f"{t.source}>{t.target}")] += t.count
    for dec in Decision.objects.all():
        if dec.action == "allow" and dec.automated:
            continue
        out[(day(dec.created_at), "moderation", dec.action)] += 1
    return {k: v for k, v in out.items() if v}
