"""Note reads shared by pages and API, already joined to avoid N+1 queries."""

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.urls import reverse
from django.utils.translation import gettext as _

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.errors import InvalidInput, NotFound, WithheldInRegion
from crossnote.core.pagination import (
    MAX_PAGE_SIZE,
    Page,
    decode_cursor,
    encode_cursor,
    paginate,
)
from crossnote.notes import policies
from crossnote.notes.card_path import card_path
from crossnote.notes.models import (
    Board,
    Collect,
    Comment,
    CommentLike,
    ModerationState,
    Note,
    NoteImage,
    NoteLike,
    Topic,
)
from crossnote.social.models import Follow


def notes_with_media() -> QuerySet[Note]:
    return Note.objects.select_related("author").prefetch_related("images", "topics")


def visible_notes(viewer) -> QuerySet[Note]:
    """Every note `viewer` may see (visibility is decided in policies)."""
    return notes_with_media().filter(policies.visible_notes_filter(viewer))


# What a like or an unlike reads of a note: the fields its visibility is decided on
# (crossnote.notes.policies) and its counters; any other field loads on first use.
BRIEF_NOTE_FIELDS = (
    "id",
    "author_id",
    "visibility",
    "moderation",
    "media_ready",
    "like_count",
    "collect_count",
    "author__id",
    "author__username",
    "author__is_active",
)
# The same fields in the models' own order, which Model.from_db expects of a partial row.
_BRIEF_OWN = tuple(f.attname for f in Note._meta.concrete_fields if f.attname in BRIEF_NOTE_FIELDS)
_BRIEF_AUTHOR = tuple(
    f.attname for f in User._meta.concrete_fields if f"author__{f.attname}" in BRIEF_NOTE_FIELDS
)


def get_visible_note(viewer, pk: int, *, brief: bool = False) -> Note:
    """The note if it exists and the viewer may see it; otherwise the same 404 either way, or
    451 when it is withheld in the reader's region. `brief`: without its text, photos and
    topics (BRIEF_NOTE_FIELDS; three queries' worth of ORM work less, for a like). Otherwise
    the note as notes_with_media() loads it (author, photos and topics), read through questions
    compiled once per process (_whole_note)."""
    if brief:
        note = _brief_note(pk)
    else:
        note = _whole_note(pk)
    if note is None:
        raise NotFound(_("Note not found."))
    blocked, withheld = policies.blocked_and_withheld(viewer, note)
    if not policies.can_view_note_ignoring_region(viewer, note, blocked=blocked):
        raise NotFound(_("Note not found."))
    if withheld:
        raise WithheldInRegion(
            _("This note is withheld in your region (%(region)s) in response to a legal demand.")
            % {"region": policies.viewer_region(viewer)}
        )
    return note


# The note, its author, photos and topics as notes_with_media() loads them, every column (no
# field is left to load later), asked through SQL compiled once per process (card_path.rows_about:
# about a fifth of the note page's CPU went into the ORM building these three questions).
_ANYONE = AnonymousUser()
_NOTE_FIELDS = tuple(f.attname for f in Note._meta.concrete_fields)
_AUTHOR_FIELDS = tuple(f.attname for f in User._meta.concrete_fields)
_IMAGE_FIELDS = tuple(f.attname for f in NoteImage._meta.concrete_fields)
_TOPIC_FIELDS = tuple(f.attname for f in Topic._meta.concrete_fields)


def _any_related(relation: str, **where) -> Exists | Value:
    """Whether the outer note has rows of the model related to Note as `relation` (matching
    `where`), asked by the relation's name: the apps that own those rows sit above notes, so
    nothing of theirs is imported. None where that app is not installed."""
    try:
        field = cast(ForeignObjectRel, Note._meta.get_field(relation))
    except FieldDoesNotExist:
        return Value(None, output_field=BooleanField())
    rows = field.related_model._default_manager
    return Exists(rows.filter(**{field.field.attname: OuterRef("pk")}, **where))


def _note_question(_reader, pk: int):
    """The note and its author's row, and two facts that let the note page skip a question:
    `photo_text_read`, whether text was read in any of its photos (vision's rows: the panel
    is empty without), and `replied_elsewhere`, whether anyone on another server answered it
    (federation's rows: comments_elsewhere is empty without)."""
    return (
        Note.objects.filter(pk=pk)
        .annotate(
            photo_text_read=_any_related("photo_texts", status="done"),
            replied_elsewhere=_any_related("replies_elsewhere"),
        )
        .values_list(
            *_NOTE_FIELDS,
            *(f"author__{name}" for name in _AUTHOR_FIELDS),
            "photo_text_read",
            "replied_elsewhere",
        )
    )


def _brief_question(_reader, pk: int):
    return Note.objects.filter(pk=pk).values_list(
        *_BRIEF_OWN, *(f"author__{name}" for name in _BRIEF_AUTHOR)
    )


def _brief_note(pk: int) -> Note | None:
    """The note `pk` as `select_related("author").only(*BRIEF_NOTE_FIELDS)` gives it (other
    fields load on first use), or None: one question compiled once per process (building it
    through the ORM was a fifth of a like's CPU)."""
    rows = card_path().rows_about(_ANYONE, _brief_question, pk, name="notes:brief")
    return _note_and_author(rows[0], _BRIEF_OWN, _BRIEF_AUTHOR) if rows else None


def _note_and_author(row, note_fields, author_fields) -> Note:
    """The note of a row holding `note_fields` then `author_fields` (each in its model's field
    order, as Model.from_db needs), its author already attached."""
    alias = connection.alias
    width = len(note_fields)
    note = Note.from_db(alias, note_fields, row[:width])
    author = User.from_db(alias, author_fields, row[width : width + len(author_fields)])
    Note.author.field.set_cached_value(note, author)
    return note


def _images_question(_reader, pk: int):
    return NoteImage.objects.filter(note_id=pk).values_list(*_IMAGE_FIELDS)  # by position


def _topics_question(_reader, pk: int):
    # As the prefetch asks (no order: the database's), through the note-topic table.
    return Topic.objects.filter(notes__id=pk).values_list(*_TOPIC_FIELDS)


def _prefetched(note: Note, name: str, objects: list) -> None:
    """Put `objects` in `note`'s prefetch cache under the relation `name`, as prefetch_related
    does: on the related manager's own queryset, so a later `.filter()` still asks about this
    note only."""
    queryset = getattr(note, name).get_queryset()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    note._prefetched_objects_cache[name] = queryset  # type: ignore[attr-defined]


def _whole_note(pk: int) -> Note | None:
    """The note `pk` as notes_with_media().get(pk=pk) gives it, or None: the same model
    instances, built from rows of questions compiled once per process. Who may see it is
    decided after (policies), so the questions are about the note alone: asked as one kind of
    reader (anyone), not working out the real reader's kind three times."""
    path = card_path()
    viewer = _ANYONE
    rows = path.rows_about(viewer, _note_question, pk, name="notes:note")
    if not rows:
        return None
    row = rows[0]
    alias = connection.alias
    note = _note_and_author(row, _NOTE_FIELDS, _AUTHOR_FIELDS)
    # Read by the note page (notes/_carousel.html) and comments_elsewhere: None, not known.
    vars(note).update(photo_text_read=row[-2], replied_elsewhere=row[-1])
    images = [
        NoteImage.from_db(alias, _IMAGE_FIELDS, values)
        for values in path.rows_about(viewer, _images_question, pk, name="notes:note-images")
    ]
    for image in images:  # as the prefetch does: each photo knows its note
        NoteImage.note.field.set_cached_value(image, note)
    topics = [
        Topic.from_db(alias, _TOPIC_FIELDS, values)
        for values in path.rows_about(viewer, _topics_question, pk, name="notes:note-topics")
    ]
    vars(note)["_prefetched_objects_cache"] = {}
    _prefetched(note, "images", images)
    _prefetched(note, "topics", topics)
    return note


def notes_by(author, viewer) -> QuerySet[Note]:
    return visible_notes(viewer).filter(author=author)


def topic_group(name: str) -> list[Topic]:
    """Every name of the subject the topic `name` belongs to, its canonical topic first (#cats,
    #猫); [] when there is no such topic."""
    topic = Topic.objects.filter(name=name).first()
    if topic is None:
        return []
    root_id = topic.root_id
    names = Topic.objects.filter(Q(pk=root_id) | Q(canonical_id=root_id))
    return sorted(names, key=lambda t: (t.pk != root_id, t.name))


def _han(name: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in name)


@dataclass
class TopicCard:
    """A topic as a chip: its subject's names (canonical first), notes under all of them, and a
    cover (the newest note's first photo the reader may see; None: a coloured initial)."""

    topic: Topic
    names: list[str]
    note_count: int
    cover: NoteImage | None = None

    def name_for(self, language: str) -> str:
        """The name in the reader's script when the subject has one (#猫 for Chinese readers)."""
        chinese = (language or "").lower().startswith("zh")
        return next((n for n in self.names if _han(n) == chinese), self.names[0])

    def other_names(self, language: str) -> list[str]:
        shown = self.name_for(language)
        return [n for n in self.names if n != shown]

    @property
    def shade(self) -> int:
        """One of eight colours for the initial, the same for a topic every time."""
        return sum(map(ord, self.topic.name)) % 8


def topic_cards(topics, viewer) -> list[TopicCard]:
    """Chips for `topics`, one per subject (an alias stands for its canonical topic), in order.
    A chip's cover is the newest visible note's first photo, never a labelled note's: a chip
    has no content warning to reveal it through."""
    topics = list(topics)
    root_ids = list(dict.fromkeys(t.root_id for t in topics))
    roots = Topic.objects.in_bulk(root_ids)
    groups: dict[int, list[Topic]] = {pk: [] for pk in root_ids}
    for topic in Topic.objects.filter(Q(pk__in=root_ids) | Q(canonical_id__in=root_ids)):
        groups[topic.root_id].append(topic)
    tagged = Note.topics.through.objects.filter(
        Q(topic_id=OuterRef("pk")) | Q(topic__canonical_id=OuterRef("pk")),
        note__in=Note.objects.filter(policies.visible_notes_filter(viewer)).exclude(
            moderation=ModerationState.LABELLED
        ),
    ).order_by("-note__created_at", "-note_id")
    newest = dict(
        Topic.objects.filter(pk__in=root_ids)
        .annotate(cover_note=Subquery(tagged.values("note_id")[:1]))
        .values_list("pk", "cover_note")
    )
    covers = {
        image.note_id: image
        for image in NoteImage.objects.filter(
            note_id__in=[n for n in newest.values() if n]
        ).order_by("note_id", "-position")
    }
    cards = []
    for pk in root_ids:
        members = sorted(groups[pk], key=lambda t: (t.pk != pk, t.name))
        cards.append(
            TopicCard(
                topic=roots[pk],
                names=[t.name for t in members],
                note_count=sum(t.note_count for t in members),
                cover=covers.get(note_id) if (note_id := newest.get(pk)) else None,
            )
        )
    return cards


def notes_with_topic(name: str, viewer) -> QuerySet[Note]:
    """Notes under any name of the topic's subject (#猫 shows the #cats notes too)."""
    ids = [t.pk for t in topic_group(name)]
    tagged = Note.topics.through.objects.filter(note_id=OuterRef("pk"), topic_id__in=ids)
    return visible_notes(viewer).filter(Exists(tagged))


COMMENT_SORTS = ("hot", "new")
# Reddit's "hot": every tenfold more engagement is worth this many seconds of freshness. The score
# does not depend on the time of reading, so a cursor over it stays valid while pages are read.
HOT_SECONDS = 45_000


class CommentPerson:
    """A comment's author (or the person a reply answers) as pages and the API read them: only
    the columns they show, read in the comment page's one query (no User rows are built)."""

    __slots__ = ("pk", "username", "display_name", "avatar", "is_active")

    def __init__(self, pk, username, display_name, avatar, is_active):
        self.pk = pk
        self.username = username
        self.display_name = display_name
        # The avatar as the model gives it (a FieldFile: `.url`, false when there is none).
        self.avatar = _AVATAR.attr_class(None, _AVATAR, avatar or "")
        self.is_active = is_active

    @property
    def id(self) -> int:
        return self.pk

    @property
    def name(self) -> str:
        """What to call the person on a page: display name, else the handle (User.name)."""
        return self.display_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", kwargs={"username": self.username})


class CommentReplies(list):
    """A thread's replies, oldest first; `.all()` as the related manager it stands in for."""

    def all(self):
        return self


@dataclass(slots=True)
class CommentRow:
    """A comment of a note's comment page: its own columns, its author's and the answered
    person's shown columns, whether the reader liked it, and (top-level) its replies; read as
    plain values in one query, not as Comment and User rows."""

    pk: int
    note_id: int
    parent_id: int | None
    author_id: int
    author: CommentPerson
    reply_to_id: int | None
    reply_to: CommentPerson | None
    body: str
    language: str
    moderation: str
    content_warning: str
    like_count: int
    created_at: datetime
    liked: bool
    replies: CommentReplies

    @property
    def id(self) -> int:
        return self.pk


_AVATAR = User._meta.get_field("avatar")
_COMMENT_COLUMNS = (
    "id",
    "parent_id",
    "author_id",
    "author__username",
    "author__display_name",
    "author__avatar",
    "author__is_active",
    "reply_to_id",
    "reply_to__username",
    "reply_to__display_name",
    "reply_to__is_active",
    "body",
    "language",
    "moderation",
    "content_warning",
    "like_count",
    "created_at",
)


def _comment_row(note_id: int, values: tuple) -> CommentRow:
    (pk, parent_id, author_id, username, display_name, avatar, active) = values[:7]
    (reply_to_id, to_username, to_display_name, to_active) = values[7:11]
    (body, language, moderation, content_warning, like_count, created_at, liked) = values[11:]
    return CommentRow(
        pk=pk,
        note_id=note_id,
        parent_id=parent_id,
        author_id=author_id,
        author=CommentPerson(author_id, username, display_name, avatar, active),
        reply_to_id=reply_to_id,
        reply_to=(
            CommentPerson(reply_to_id, to_username, to_display_name, "", to_active)
            if reply_to_id is not None
            else None
        ),
        body=body,
        language=language,
        moderation=moderation,
        content_warning=content_warning,
        like_count=like_count,
        created_at=created_at,
        liked=bool(liked),
        replies=CommentReplies(),
    )


def _comments_shown(note: Note, viewer) -> tuple[QuerySet[Comment], QuerySet[Comment]]:
    """(top-level comments, replies) of `note` that `viewer` may see (held or removed ones only
    for their author)."""
    shown = policies.visible_comments_filter(viewer)
    # `note=note` is redundant for the rows but not for the planner: with it, SQLite finds the
    # replies through the (note, parent, created_at) index instead of walking every comment in
    # date order (most comments have no parent, so the parent index looks useless to it).
    replies = Comment.objects.filter(shown, note=note)
    # A closed account's comment that others replied to stays as a placeholder (its author
    # policies.is_gone: page and API show "deleted account", no name, no text), so the replies
    # keep their thread.
    answered = Exists(Comment.objects.filter(shown, note=note, parent=OuterRef("pk")))
    placeholder = policies.gone_author_comments_filter() & answered
    top = Comment.objects.filter(shown | placeholder, note=note, parent__isnull=True)
    return top, replies


def _thread_rows(note: Note, viewer, ids: list[int]) -> list[CommentRow]:
    """These top-level comments of `note` (chosen through _comments_shown), in this order, each
    with the replies `viewer` may see, oldest first: one query of plain values for the whole
    page, with whether the reader liked each."""
    if not ids:
        return []
    shown = policies.visible_comments_filter(viewer)
    # The threads' heads are asked again with the rule they were chosen by (without the
    # "has replies" part of a closed account's placeholder, which only decided the choice).
    heads = Q(pk__in=ids) & (shown | policies.gone_author_comments_filter())
    threads = _threads(note, viewer, heads | (Q(parent_id__in=ids) & shown))
    return [threads[pk] for pk in ids if pk in threads]


def _threads(note: Note, viewer, rule: Q) -> dict[int, CommentRow]:
    """{id: top-level comment with its replies, oldest first} of the comments of `note` that
    `rule` selects, read in one query of plain values with whether the reader liked each."""
    return _threads_of(note.pk, _threads_query(viewer, note.pk, rule))


def _threads_query(viewer, note_id: int, rule: Q):
    liked: Exists | Value = Value(False)
    if getattr(viewer, "is_authenticated", False):
        liked = Exists(CommentLike.objects.filter(user=viewer, comment=OuterRef("pk")))
    return (
        Comment.objects.filter(rule, note_id=note_id)
        .annotate(reader_liked=liked)
        .order_by("created_at", "id")
        .values_list(*_COMMENT_COLUMNS, "reader_liked")
    )


def _every_thread(viewer, note_id: int):
    """The rows of every thread of the note `note_id` that `viewer` may see (the rules of
    _comments_shown, for heads and replies together): the question _page_of_few asks, compiled
    once per kind of reader (card_path.rows_about)."""
    shown = policies.visible_comments_filter(viewer)
    answered = Exists(Comment.objects.filter(shown, note_id=note_id, parent=OuterRef("pk")))
    placeholder = policies.gone_author_comments_filter() & answered
    heads = Q(parent__isnull=True) & (shown | placeholder)
    return _threads_query(viewer, note_id, heads | (Q(parent__isnull=False) & shown))


def _threads_of(note_id: int, rows) -> dict[int, CommentRow]:
    threads: dict[int, CommentRow] = {}
    replies: list[tuple[int, CommentRow]] = []
    for values in rows:
        row = _comment_row(note_id, values)
        if row.parent_id is None:
            threads[row.pk] = row
        else:
            replies.append((row.parent_id, row))
    for parent_id, reply in replies:
        head = threads.get(parent_id)
        if head is not None:
            head.replies.append(reply)
    return threads


def hot_score(*, likes: int, replies: int, created_at) -> float:
    """A comment's rank in "hot": likes and replies (a reply counts twice) on a log scale, plus
    recency (HOT_SECONDS of age weigh as much as ten times the engagement)."""
    return math.log10(max(likes + 2 * replies, 1)) + created_at.timestamp() / HOT_SECONDS


def comment_page(
    note: Note, viewer=None, *, sort: str = "hot", cursor: str | None = None, limit: int = 20
) -> Page:
    """One page of a note's top-level comments, each with its replies oldest first: the one
    ordering and paging that the note page and the API share. `new` is newest first; `hot` is
    by hot_score, then newest. A cursor only continues the ordering that made it (else 400)."""
    if sort not in COMMENT_SORTS:
        raise InvalidInput(_("sort must be hot or new."), field="sort")
    if note.comment_count <= FEW_COMMENTS:
        return _page_of_few(note, viewer, sort=sort, cursor=cursor, limit=limit)
    top, replies = _comments_shown(note, viewer)
    if sort == "new":
        page = paginate(top.only("id", "created_at"), cursor, limit)
        return Page(_thread_rows(note, viewer, [c.pk for c in page.items]), page.next_cursor)
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    # The score needs each comment's reply count: ranked here over (id, created, likes, replies)
    # of the note's top-level comments (a few numbers a row), then only the page is loaded.
    # A note with 2,000 top-level comments pages in about 65 ms on SQLite (new: 20 ms), most of
    # it reading their dates.
    answers = dict(
        replies.filter(parent__isnull=False).order_by().values_list("parent").annotate(Count("id"))
    )
    ranked = sorted(
        (-hot_score(likes=likes, replies=answers.get(pk, 0), created_at=created), -pk)
        for pk, created, likes in top.order_by().values_list("id", "created_at", "like_count")
    )
    if cursor:
        after = _decode_hot_cursor(cursor)
        ranked = [key for key in ranked if key > after]
    ids = [-pk for _score, pk in ranked[: limit + 1]]
    items = _thread_rows(note, viewer, ids[:limit])
    more = len(ids) > limit and bool(items)
    return Page(items=items, next_cursor=_encode_hot_cursor(ranked[limit - 1]) if more else None)


# A note with at most this many comments (its stored count) has a page of them made from one
# query of all the threads it shows (most notes: a few dozen rows); a note with more ranks
# their ids first and reads only the page's threads (three queries).
FEW_COMMENTS = 300


def _page_of_few(note: Note, viewer, *, sort: str, cursor: str | None, limit: int) -> Page:
    """comment_page from every thread of `note` the viewer may see, read in one query: the
    same choice of threads (_comments_shown's rules), order, paging and cursors."""
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    rows = card_path().rows_about(viewer, _every_thread, note.pk, name="notes:every-thread")
    threads = list(_threads_of(note.pk, rows).values())
    if sort == "new":
        threads.sort(key=lambda row: (row.created_at, row.pk), reverse=True)
        if cursor:
            after = decode_cursor(cursor)
            threads = [row for row in threads if (row.created_at, row.pk) < after]
        items = threads[:limit]
        more = len(threads) > limit and bool(items)
        last = items[-1] if more else None
        return Page(items, encode_cursor(last.created_at, last.pk) if last else None)
    ranked = sorted(
        (
            -hot_score(likes=row.like_count, replies=len(row.replies), created_at=row.created_at),
            -row.pk,
        )
        for row in threads
    )
    if cursor:
        after_key = _decode_hot_cursor(cursor)
        ranked = [key for key in ranked if key > after_key]
    by_id = {row.pk: row for row in threads}
    items = [by_id[-pk] for _score, pk in ranked[:limit]]
    more = len(ranked) > limit and bool(items)
    return Page(items=items, next_cursor=_encode_hot_cursor(ranked[limit - 1]) if more else None)


def comment_page_rows(note: Note, viewer, ids: list[int]) -> list[CommentRow]:
    """These top-level comments of `note` as comment_page loads them (with their replies)."""
    top, _replies = _comments_shown(note, viewer)
    return _thread_rows(note, viewer, list(top.filter(pk__in=ids).values_list("pk", flat=True)))


def comments_elsewhere(note: Note, viewer) -> list:
    """Replies to `note` from people on other servers that `viewer` may see (federation answers
    COMMENTS_ELSEWHERE; nothing registered: none), oldest first. The note page shows them after
    the first page's threads, the API in `elsewhere`."""
    if getattr(note, "replied_elsewhere", None) is False:  # read with the note: none to show
        return []
    return hooks.collect(hooks.COMMENTS_ELSEWHERE, note=note, viewer=viewer)


def _encode_hot_cursor(key: tuple[float, int]) -> str:
    raw = json.dumps(["hot", -key[0], -key[1]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_hot_cursor(cursor: str) -> tuple[float, int]:
    """The (negated score, negated id) key a hot cursor points just after; anything else is 400."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        kind, score, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if kind != "hot" or not isinstance(score, float) or not math.isfinite(score):
            raise ValueError("not a hot cursor")
        return -score, -int(pk)
    except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidInput(_("The cursor is not valid."), field="cursor") from exc


def get_comment(viewer, pk: int) -> Comment:
    comment = Comment.objects.select_related("note", "author").filter(pk=pk).first()
    hidden = (
        comment is not None
        and not Comment.objects.filter(policies.visible_comments_filter(viewer), pk=pk).exists()
    )
    if comment is None or hidden or not policies.can_view_note(viewer, comment.note):
        raise NotFound(_("Comment not found."))
    return comment


def liked_note_ids(viewer, notes) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    ids = [n.pk for n in notes]
    return set(
        NoteLike.objects.filter(user=viewer, note_id__in=ids).values_list("note_id", flat=True)
    )


def collected_note_ids(viewer, notes) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    ids = [n.pk for n in notes]
    return set(
        Collect.objects.filter(board__owner=viewer, note_id__in=ids).values_list(
            "note_id", flat=True
        )
    )


def boards_holding(viewer, note: Note) -> set[int]:
    """The viewer's boards this note is saved in."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(
        Collect.objects.filter(board__owner=viewer, note=note).values_list("board_id", flat=True)
    )


def _reader_marks_sql() -> str:
    like, follow = NoteLike._meta.db_table, Follow._meta.db_table
    collect, board = Collect._meta.db_table, Board._meta.db_table
    return (
        f"SELECT 'liked', note_id FROM {like} WHERE user_id = %s AND note_id = %s "  # noqa: S608
        f"UNION ALL SELECT 'following', followee_id FROM {follow} "
        "WHERE follower_id = %s AND followee_id = %s "
        f"UNION ALL SELECT 'board', c.board_id FROM {collect} c JOIN {board} b ON b.id = c.board_id "
        "WHERE b.owner_id = %s AND c.note_id = %s"
    )


def reader_marks(viewer, note: Note) -> tuple[bool, bool, set[int]]:
    """(liked the note, follows its author, ids of their boards holding it) for the note page,
    in one plain query (the ORM's four cost more to build than to ask; crossnote.core.sql).
    A visitor: nothing. As liked_note_ids, social's is_following and boards_holding answer."""
    if not getattr(viewer, "is_authenticated", False):
        return False, False, set()
    params = [viewer.pk, note.pk, viewer.pk, note.author_id, viewer.pk, note.pk]
    with connection.cursor() as cursor:
        cursor.execute(_reader_marks_sql(), params)
        rows = cursor.fetchall()
    kinds = {kind for kind, _value in rows}
    holding = {value for kind, value in rows if kind == "board"}
    return "liked" in kinds, "following" in kinds, holding


def liked_comment_ids(viewer, note: Note) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(viewer.comment_likes.filter(comment__note=note).values_list("comment_id", flat=True))


def boards_of(owner, viewer) -> QuerySet[Board]:
    """`owner`'s boards that `viewer` may see (policies.can_view_board), oldest first."""
    visible = policies.boards_visible_to(viewer)
    return Board.objects.filter(visible, owner=owner).order_by("created_at")


_BOARD_FIELDS = tuple(f.attname for f in Board._meta.concrete_fields)


def _boards_question(reader, owner_id: int):
    return boards_of(owner_id, reader).values_list(*_BOARD_FIELDS)


def own_boards(viewer) -> list[Board]:
    """The signed-in reader's boards, oldest first (boards_of(viewer, viewer)), through a
    question compiled once per kind of reader: the note page's save picker."""
    rows = card_path().rows_about(viewer, _boards_question, viewer.pk, name="notes:own-boards")
    return [Board.from_db(connection.alias, _BOARD_FIELDS, values) for values in rows]


def get_visible_board(viewer, pk: int) -> Board:
    board = Board.objects.select_related("owner").filter(pk=pk).first()
    if board is None or not policies.can_view_board(viewer, board):
        raise NotFound(_("Board not found."))
    return board


def notes_in_board(board: Board, viewer) -> QuerySet[Note]:
    return visible_notes(viewer).filter(collects__board=board)


def note_thumbnails(*, note_ids) -> dict[int, str]:
    """Registered for social's NOTE_THUMBNAILS: the first image's thumbnail URL of each note, in
    one query. The caller asks only about notes the reader may see."""
    from crossnote.notes.models import NoteImage

    thumbs: dict[int, str] = {}
    rows = NoteImage.objects.filter(note_id__in=list(note_ids)).order_by("note_id", "position")
    for note_id, thumb in rows.values_list("note_id", "thumb"):
        if note_id not in thumbs and thumb:
            thumbs[note_id] = NoteImage.thumb.field.storage.url(thumb)
    return thumbs
