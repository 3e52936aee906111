"""Who may see and change notes, comments and boards: the one place these decisions are made.

Visibility (public / followers / private), moderation state (held and removed content is seen
only by its author) and regional withholding (a note withheld in a region is not shown to readers
there), blocks between people and who may comment are all decided here and nowhere else.
"""

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from crossnote.accounts.models import CommentPermission
from crossnote.core import pgnews
from crossnote.core.memo import BoundedMemo
from crossnote.core.sql import row_exists
from crossnote.notes.models import Comment, ModerationState, Note, NoteWithholding, Visibility
from crossnote.notes.templatetags.notes import warning_text
from crossnote.social.models import Block, Follow

HIDDEN_STATES = (ModerationState.HELD, ModerationState.REMOVED)


# Checks on every note view, like and comment: plain SQL (crossnote.core.sql).
_FOLLOW_SQL = (
    f"SELECT 1 FROM {Follow._meta.db_table} WHERE follower_id = %s AND followee_id = %s LIMIT 1"  # noqa: S608
)
_BLOCK_SQL = (
    f"SELECT 1 FROM {Block._meta.db_table} WHERE (blocker_id = %s AND blocked_id = %s) "  # noqa: S608
    "OR (blocker_id = %s AND blocked_id = %s) LIMIT 1"
)
_WITHHELD_SQL = (
    f"SELECT 1 FROM {NoteWithholding._meta.db_table} WHERE note_id = %s AND region = %s LIMIT 1"  # noqa: S608
)
# Both questions in one statement, for a reader who may be blocked and may be in a withholding
# region: each statement a request makes is a wait for the GIL on a busy server.
_BLOCK_AND_WITHHELD_SQL = f"SELECT EXISTS({_BLOCK_SQL}), EXISTS({_WITHHELD_SQL})"  # noqa: S608
_ANY_BLOCK_SQL = (
    f"SELECT 1 FROM {Block._meta.db_table} WHERE blocker_id = %s "  # noqa: S608
    f"UNION ALL SELECT 1 FROM {Block._meta.db_table} WHERE blocked_id = %s LIMIT 1"
)
_ANY_WITHHELD_SQL = f"SELECT 1 FROM {NoteWithholding._meta.db_table} WHERE region = %s LIMIT 1"  # noqa: S608

# On PostgreSQL with its news settled (crossnote.core.pgnews): whether a person is in any block
# at all (either side), and whether a region has any withholding at all, kept in this process
# with the generation they were read at. A block or a withholding written anywhere is announced
# and moves the generation (crossnote.feeds migration 0003), as for every page kept by it. Most
# people are in no block and most regions withhold nothing: their like, comment or note page
# then asks neither question (one round trip of the three a like made).
_NONE_AT_ALL: BoundedMemo = BoundedMemo(50_000)


def forget_kept() -> None:
    """Drop what this process keeps of blocks and withholdings (tests)."""
    _NONE_AT_ALL.forget()


def _none_at_all(key: tuple, sql: str, params: list) -> bool:
    """Whether `sql` finds no row, as kept by the news' generation: False (ask) where there is
    no generation to keep it by (SQLite, no listener, news waiting, inside a transaction)."""
    generation = pgnews.generation()
    if generation is None:
        return False
    kept = _NONE_AT_ALL.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    none = not row_exists(sql, params)
    if pgnews.generation() == generation:  # nothing announced while it was read
        _NONE_AT_ALL.remember(key, (generation, none))
    return none


def _in_no_block(person_id: int) -> bool:
    return _none_at_all(("block", person_id), _ANY_BLOCK_SQL, [person_id, person_id])


def _withholds_nothing(region: str) -> bool:
    return _none_at_all(("withheld", region), _ANY_WITHHELD_SQL, [region])


def nothing_to_block_or_withhold(viewer) -> bool:
    """Whether, as the database's news has it now, this signed-in person is in no block at all
    and their region withholds nothing: then no note is hidden from them by either (the other
    rules still apply). False where that is not known (SQLite, no news)."""
    if not getattr(viewer, "is_authenticated", False) or not _in_no_block(viewer.pk):
        return False
    region = viewer_region(viewer)
    return not region or _withholds_nothing(region)


def _is_follower(viewer, author_id) -> bool:
    return row_exists(_FOLLOW_SQL, [viewer.pk, author_id])


def viewer_region(viewer) -> str:
    """The reader's ISO 3166 region: from the profile, or for visitors from the proxy's header
    (set on the anonymous user by accounts.middleware.ViewerRegionMiddleware)."""
    # A user row keeps the code as a plain string under the field's name; the CountryField
    # descriptor would build a Country object on every read (several per page).
    raw = getattr(viewer, "__dict__", {}).get("region")
    if isinstance(raw, str):
        return raw.upper()
    region = getattr(viewer, "region", "") or ""
    return str(getattr(region, "code", region) or "").upper()


def _is_author(viewer, note) -> bool:
    return getattr(viewer, "is_authenticated", False) and viewer.pk == note.author_id


def is_blocked_from(viewer, author_id) -> bool:
    """Whether the reader and the author blocked each other (either way): then neither sees the
    other's notes, and neither may comment on them (crossnote.social.models.Block)."""
    if not getattr(viewer, "is_authenticated", False) or viewer.pk == author_id:
        return False
    if _in_no_block(viewer.pk):
        return False
    return row_exists(_BLOCK_SQL, [author_id, viewer.pk, viewer.pk, author_id])


def blocked_and_withheld(viewer, note) -> tuple[bool, bool]:
    """(is_blocked_from(viewer, note.author_id), is_withheld_for(viewer, note)), asked in one
    statement where both need asking (none where neither does)."""
    author = _is_author(viewer, note)
    ask_block = getattr(viewer, "is_authenticated", False) and not author
    ask_block = ask_block and not _in_no_block(viewer.pk)
    region = "" if author else viewer_region(viewer)
    if region and _withholds_nothing(region):
        region = ""
    if ask_block and region:
        with connection.cursor() as cursor:
            cursor.execute(
                _BLOCK_AND_WITHHELD_SQL,
                [note.author_id, viewer.pk, viewer.pk, note.author_id, note.pk, region],
            )
            blocked, withheld = cursor.fetchone()
        return bool(blocked), bool(withheld)
    return (
        ask_block
        and row_exists(_BLOCK_SQL, [note.author_id, viewer.pk, viewer.pk, note.author_id]),
        bool(region) and row_exists(_WITHHELD_SQL, [note.pk, region]),
    )


def can_view_note_ignoring_region(viewer, note, *, blocked: bool | None = None) -> bool:
    """Visibility, moderation state and blocks, without regional withholding. `blocked`: the
    answer of is_blocked_from already asked (blocked_and_withheld)."""
    if note.moderation in HIDDEN_STATES and not _is_author(viewer, note):
        return False
    # Until its image variants exist, a just-posted note is its author's alone.
    if not note.media_ready and not _is_author(viewer, note):
        return False
    if blocked is None:
        blocked = is_blocked_from(viewer, note.author_id)
    if blocked:
        return False
    # A closed (waiting for deletion) or suspended account's notes are hidden with it.
    if not note.author.is_active and not _is_author(viewer, note):
        return False
    if note.visibility == Visibility.PUBLIC:
        return True
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == note.author_id:
        return True
    if note.visibility == Visibility.FOLLOWERS:
        return _is_follower(viewer, note.author_id)
    return False


def is_withheld_for(viewer, note) -> bool:
    """Whether the note is withheld in the reader's region (its author always sees it)."""
    region = viewer_region(viewer)
    if not region or _is_author(viewer, note) or _withholds_nothing(region):
        return False
    return row_exists(_WITHHELD_SQL, [note.pk, region])


def can_view_note(viewer, note) -> bool:
    return can_view_note_ignoring_region(viewer, note) and not is_withheld_for(viewer, note)


def can_comment(user, note, *, seen: bool = False) -> bool:
    """The note's author's setting decides who may comment: everyone, only their followers, or
    nobody (the author may always reply under their own note); blocks shut comments both ways.
    `seen`: the caller got this note for this reader through selectors.get_visible_note in the
    same request, which has just asked can_view_note's questions (blocks, withholding): the
    note page then does not ask them twice."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not seen and not can_view_note(user, note):
        return False
    if user.pk == note.author_id:
        return True
    permission = note.author.comment_permission
    if permission == CommentPermission.NOBODY:
        return False
    if permission == CommentPermission.FOLLOWERS:
        return _is_follower(user, note.author_id)
    return True


def visible_notes_filter(viewer) -> Q:
    """The same rule as can_view_note, as a queryset filter."""
    shown = ~Q(moderation__in=HIDDEN_STATES) & Q(author__is_active=True, media_ready=True)
    region = viewer_region(viewer)
    if region:
        withheld = NoteWithholding.objects.filter(note=OuterRef("pk"), region=region)
        shown &= Q(~Exists(withheld))
    public = Q(visibility=Visibility.PUBLIC) & shown
    if not getattr(viewer, "is_authenticated", False):
        return public
    followed = Follow.objects.filter(follower=viewer).values("followee_id")
    blocked_them = Block.objects.filter(blocker=viewer).values("blocked_id")
    blocked_me = Block.objects.filter(blocked=viewer).values("blocker_id")
    return (
        (
            public
            | Q(author=viewer)
            | (Q(visibility=Visibility.FOLLOWERS, author_id__in=followed) & shown)
        )
        & ~Q(author_id__in=blocked_them)
        & ~Q(author_id__in=blocked_me)
    )


def visible_comments_filter(viewer) -> Q:
    """Held and removed comments are seen only by their author; a closed (waiting for
    deletion) or suspended account's comments are hidden with it, like its notes. One indexed
    column on the author (`is_active`), so the filter stays as cheap as before."""
    shown = ~Q(moderation__in=HIDDEN_STATES) & Q(author__is_active=True)
    if getattr(viewer, "is_authenticated", False):
        return shown | Q(author=viewer)
    return shown


def gone_author_comments_filter() -> Q:
    """Comments kept only as a "deleted account" placeholder above others' replies: their
    author is closed or suspended (is_gone) and they were not held or removed."""
    return ~Q(moderation__in=HIDDEN_STATES) & Q(author__is_active=False)


def _visible_notes(viewer, note_ids):
    """Which of these notes `viewer` may see (can_view_note for many notes, in one query): for
    lists that show notes they do not load themselves, e.g. notifications."""
    ids = {pk for pk in note_ids if pk is not None}
    if not ids:
        return Note.objects.none()
    return Note.objects.filter(visible_notes_filter(viewer), pk__in=ids)


def visible_comment_ids(viewer, comment_ids) -> set[int]:
    """Which of these comments `viewer` may see, in one query: the comment is shown to them
    (visible_comments_filter) and sits under a note they may see."""
    return set(_visible_comments(viewer, comment_ids).values_list("pk", flat=True))


def _visible_comments(viewer, comment_ids):
    ids = {pk for pk in comment_ids if pk is not None}
    if not ids:
        return Comment.objects.none()
    notes = Note.objects.filter(visible_notes_filter(viewer)).values("pk")
    return Comment.objects.filter(visible_comments_filter(viewer), pk__in=ids, note__in=notes)


def visible_subjects(*, viewer, note_ids, comment_ids) -> dict:
    """Registered for social's VISIBLE_SUBJECTS (notifications sit below notes): which of these
    notes and comments the reader may see now, in one query each, and the warning each visible
    labelled comment is shown behind, in the reader's (the active) language, as the note page
    and the comments API show it (social knows neither the state nor the text). `labelled_notes`:
    the visible notes whose photos the reader sees blurred, as on the note page (labelled, and
    not the reader's own)."""
    notes = list(_visible_notes(viewer, note_ids).values_list("pk", "moderation", "author_id"))
    rows = list(
        _visible_comments(viewer, comment_ids).values_list("pk", "moderation", "content_warning")
    )
    return {
        "notes": {pk for pk, _state, _author in notes},
        "labelled_notes": {
            pk
            for pk, state, author in notes
            if state == ModerationState.LABELLED and author != viewer.pk
        },
        "comments": {pk for pk, _state, _stored in rows},
        "warnings": {
            pk: warning_text(stored)
            for pk, state, stored in rows
            if state == ModerationState.LABELLED
        },
    }


def is_gone(person) -> bool:
    """Whether `person` is shown as a "deleted account": closed (waiting for deletion) or
    suspended. Nothing of theirs is shown; others' replies under their comments stay."""
    return person is not None and not person.is_active


def can_edit_note(user, note) -> bool:
    return getattr(user, "is_authenticated", False) and user.pk == note.author_id


def can_delete_comment(user, comment) -> bool:
    """The comment's author, or the author of the note it sits under."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk in (comment.author_id, comment.note.author_id)


def can_view_board(viewer, board) -> bool:
    """Public boards for everyone, private ones for their owner; a closed or suspended
    account's boards for nobody (restoring the account brings them back)."""
    if not board.owner.is_active:
        return False
    if not board.is_private:
        return True
    return getattr(viewer, "is_authenticated", False) and viewer.pk == board.owner_id


def boards_visible_to(viewer) -> Q:
    """can_view_board as a filter on Board rows (the same rule, for lists)."""
    rule = Q(owner__is_active=True)
    if getattr(viewer, "is_authenticated", False):
        return rule & (Q(is_private=False) | Q(owner_id=viewer.pk))
    return rule & Q(is_private=False)
