"""Note reads shared by pages and API, already joined to avoid N+1 queries."""

import base64
import binascii
import json
import math
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from crossnote.core import hooks
from crossnote.core.errors import InvalidInput, NotFound, WithheldInRegion
from crossnote.core.pagination import MAX_PAGE_SIZE, Page, paginate
from crossnote.notes import policies
from crossnote.notes.models import Board, Collect, Comment, Note, NoteImage, NoteLike, Topic


def notes_with_media() -> QuerySet[Note]:
    return Note.objects.select_related("author").prefetch_related("images", "topics")


def visible_notes(viewer) -> QuerySet[Note]:
    """Every note `viewer` may see (visibility is decided in policies)."""
    return notes_with_media().filter(policies.visible_notes_filter(viewer))


def get_visible_note(viewer, pk: int) -> Note:
    """The note if it exists and the viewer may see it; otherwise the same 404 either way, or
    451 when it is withheld in the reader's region."""
    note = notes_with_media().filter(pk=pk).first()
    if note is None or not policies.can_view_note_ignoring_region(viewer, note):
        raise NotFound(_("Note not found."))
    if policies.is_withheld_for(viewer, note):
        raise WithheldInRegion(
            _("This note is withheld in your region (%(region)s) in response to a legal demand.")
            % {"region": policies.viewer_region(viewer)}
        )
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
    """Chips for `topics`, one per subject (an alias stands for its canonical topic), in order."""
    topics = list(topics)
    root_ids = list(dict.fromkeys(t.root_id for t in topics))
    roots = Topic.objects.in_bulk(root_ids)
    groups: dict[int, list[Topic]] = {pk: [] for pk in root_ids}
    for topic in Topic.objects.filter(Q(pk__in=root_ids) | Q(canonical_id__in=root_ids)):
        groups[topic.root_id].append(topic)
    tagged = Note.topics.through.objects.filter(
        Q(topic_id=OuterRef("pk")) | Q(topic__canonical_id=OuterRef("pk")),
        note__in=Note.objects.filter(policies.visible_notes_filter(viewer)),
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


def _comments_shown(note: Note, viewer) -> tuple[QuerySet[Comment], QuerySet[Comment]]:
    """(top-level comments, replies) of `note` that `viewer` may see (held or removed ones only
    for their author)."""
    shown = policies.visible_comments_filter(viewer)
    # `note=note` is redundant for the rows but not for the planner: with it, SQLite finds the
    # replies through the (note, parent, created_at) index instead of walking every comment in
    # date order (most comments have no parent, so the parent index looks useless to it).
    replies = (
        Comment.objects.filter(shown, note=note)
        .select_related("author", "reply_to")
        .order_by("created_at", "id")
    )
    # A closed account's comment that others replied to stays as a placeholder (its author
    # policies.is_gone: page and API show "deleted account", no name, no text), so the replies
    # keep their thread.
    answered = Exists(Comment.objects.filter(shown, note=note, parent=OuterRef("pk")))
    placeholder = policies.gone_author_comments_filter() & answered
    top = (
        Comment.objects.filter(shown | placeholder, note=note, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    return top, replies


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
    top, replies = _comments_shown(note, viewer)
    if sort == "new":
        return paginate(top, cursor, limit)
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
    rows = {c.pk: c for c in top.filter(pk__in=ids[:limit])}
    items = [rows[pk] for pk in ids[:limit] if pk in rows]
    more = len(ids) > limit and bool(items)
    return Page(items=items, next_cursor=_encode_hot_cursor(ranked[limit - 1]) if more else None)


def comment_page_rows(note: Note, viewer, ids: list[int]) -> list[Comment]:
    """These top-level comments of `note` as comment_page loads them (with their replies)."""
    top, _replies = _comments_shown(note, viewer)
    return list(top.filter(pk__in=ids))


def comments_elsewhere(note: Note, viewer) -> list:
    """Replies to `note` from people on other servers that `viewer` may see (federation answers
    COMMENTS_ELSEWHERE; nothing registered: none), oldest first. The note page shows them after
    the first page's threads, the API in `elsewhere`."""
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


def liked_comment_ids(viewer, note: Note) -> set[int]:
    if not getattr(viewer, "is_authenticated", False):
        return set()
    return set(viewer.comment_likes.filter(comment__note=note).values_list("comment_id", flat=True))


def boards_of(owner, viewer) -> QuerySet[Board]:
    """`owner`'s boards that `viewer` may see (policies.can_view_board), oldest first."""
    visible = policies.boards_visible_to(viewer)
    return Board.objects.filter(visible, owner=owner).order_by("created_at")


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
