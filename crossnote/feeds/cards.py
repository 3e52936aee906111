"""Feed cards at memory speed: each note serialised once per version, visibility asked once a page.

A card is a note as the API shows it (crossnote.notes.schemas.NoteOut), written once per note
version in each process and reused by every reader. Its key is the version, read fresh with
every page: the note's id and `updated_at` (an edit saves the note; a change to its topics or an
image saved in place touches it, see crossnote.feeds.hooks), its images (how many, the newest
id) and its author's username, display name and avatar. A card is therefore never older than
the note, and holding cards in process memory cannot serve anything stale: an old version is
simply never asked for again, and drops out of the bounded memo.

What differs per reader or by the minute is never in a card. Each page asks the database one
question, through the visibility choke point (crossnote.notes.policies, applied by the caller's
queryset): which of these notes may this reader see now, with their counts and whether the
reader liked or collected each. A note withheld in the reader's region, by someone blocked
either way, removed, held, made private, or by a closed account is missing from that answer, so
it vanishes from the next page served, whatever the ranked pool says.

Building that question with the ORM cost more than asking it (the visibility rule is a tree
of subqueries: follows, blocks both ways, mutes, withholding). Its SQL is therefore compiled
once per process and kind of reader (signed in or not, with a region or not, staff or not: what
the rule branches on) from the rule itself, with stand-in values for the reader, and run with
the real reader's values: the rule is still written once, in policies. A compilation whose
reader values do not land in plain parameters is not kept, and that kind of reader is asked
through the ORM every time.
"""

import threading
from collections import OrderedDict

import orjson
from django.db import connection
from django.db.models import BooleanField, CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from crossnote.core.renderers import dumps
from crossnote.notes import policies
from crossnote.notes.models import Collect, Note, NoteImage, NoteLike
from crossnote.notes.schemas import NoteOut
from crossnote.notes.selectors import notes_with_media

MEMO_SIZE = 20_000  # cards per process (about 1 kB each)

_memo: OrderedDict[tuple, dict] = OrderedDict()
_lock = threading.Lock()

# What a page reads for each note: its card's version, then what is not in the card.
_VERSION = ("id", "updated_at", "author__username", "author__display_name", "author__avatar")
_LIVE = ("like_count", "collect_count", "comment_count", "liked", "collected")


def _image_mark() -> RawSQL:
    """'<number of images>:<newest image id>' of each note, as one correlated look-up on the
    image table's note index."""
    images = connection.ops.quote_name(NoteImage._meta.db_table)
    notes = connection.ops.quote_name(Note._meta.db_table)
    sql = (
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(i.id), 0) FROM {images} i "  # noqa: S608
        f"WHERE i.note_id = {notes}.id)"
    )
    return RawSQL(sql, [], output_field=CharField())  # noqa: S611 - quoted table names only


def _viewer_marks(viewer) -> dict:
    if not getattr(viewer, "is_authenticated", False):
        return {"liked": Value(False), "collected": Value(False)}
    return {
        "liked": Exists(NoteLike.objects.filter(user=viewer, note=OuterRef("pk"))),
        "collected": Exists(Collect.objects.filter(board__owner=viewer, note=OuterRef("pk"))),
    }


def _key(note_id, updated_at, username, display_name, avatar, image_mark) -> tuple:
    return (note_id, updated_at.isoformat(), username, display_name, str(avatar or ""), image_mark)


def _key_of(note: Note) -> tuple:
    images = list(note.images.all())
    mark = f"{len(images)}:{max((image.pk for image in images), default=0)}"
    author = note.author
    return _key(note.pk, note.updated_at, author.username, author.display_name, author.avatar, mark)


def card_of(note: Note) -> dict:
    """The note's card: NoteOut as the API writes it (ninja's JSON rules), as plain values."""
    return orjson.loads(dumps(NoteOut.from_orm(note).model_dump()))


def _remember(key: tuple, card: dict) -> None:
    with _lock:
        _memo[key] = card
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)


def _recall(key: tuple) -> dict | None:
    with _lock:
        card = _memo.get(key)
        if card is not None:
            _memo.move_to_end(key)
        return card


def forget_all() -> None:
    """Empty this process's memo and compiled questions (tests; nothing needs it to be right)."""
    with _lock:
        _memo.clear()
    _compiled.clear()


# --- the page's one question, compiled once per kind of reader ----------------------------

_IDS_MARK = "-7340099"  # stands for the page's ids in a compiled question
_STAND_INS = ((-7340033, "QZ"), (-7340034, "QY"))  # (reader id, region): user-assigned codes
_compiled: dict[tuple, tuple | None] = {}


def _ids_marker() -> RawSQL:
    notes = connection.ops.quote_name(Note._meta.db_table)
    return RawSQL(f"{notes}.id IN ({_IDS_MARK})", [], output_field=BooleanField())  # noqa: S611


def _facts_query(viewer, shown_for, ids=None) -> QuerySet:
    where = _ids_marker() if ids is None else Q(pk__in=list(ids))
    return (
        shown_for(viewer)
        .filter(where)
        .annotate(image_mark=_image_mark(), **_viewer_marks(viewer))
        .values_list(*_VERSION, "image_mark", *_LIVE)
    )


def reader_kind(viewer) -> tuple:
    """What the visibility rule branches on (crossnote.notes.policies.visible_notes_filter)."""
    return (
        bool(getattr(viewer, "is_authenticated", False)),
        bool(policies.viewer_region(viewer)),
        bool(getattr(viewer, "is_staff", False)),
        bool(getattr(viewer, "is_superuser", False)),
    )


def _stand_in(viewer, pk: int, region: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    authenticated, has_region, staff, superuser = reader_kind(viewer)
    if authenticated:
        user_model = get_user_model()
        return user_model(
            pk=pk, region=region if has_region else "", is_staff=staff, is_superuser=superuser
        )
    stand_in = AnonymousUser()
    # As accounts.middleware.ViewerRegionMiddleware sets it on a visitor.
    setattr(stand_in, "region", region if has_region else "")  # noqa: B010
    return stand_in


def _compile(name: str, shown_for, viewer) -> tuple | None:
    """(sql, parameter slots, column converters) of the page question for this kind of
    reader, or None when the reader's values do not land in plain parameters."""
    compiled = []
    for pk, region in _STAND_INS:
        query = _facts_query(_stand_in(viewer, pk, region), shown_for).query
        compiler = query.get_compiler(using=connection.alias)
        sql, params = compiler.as_sql()
        compiled.append((sql, list(params), compiler))
    (sql, params, compiler), (other_sql, other_params, _other) = compiled
    if sql != other_sql or len(params) != len(other_params) or sql.count(_IDS_MARK) != 1:
        return None
    slots = []
    for value, other in zip(params, other_params, strict=True):
        if value == other:
            slots.append(("value", value))
        elif (value, other) == (_STAND_INS[0][0], _STAND_INS[1][0]):
            slots.append(("reader", None))
        elif (value, other) == (_STAND_INS[0][1], _STAND_INS[1][1]):
            slots.append(("region", None))
        else:
            return None
    converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
    return sql, slots, converters


def _rows(name: str, shown_for, viewer, ids) -> list:
    key = (name, connection.alias, connection.vendor, reader_kind(viewer))
    if key not in _compiled:
        _compiled[key] = _compile(name, shown_for, viewer)
    entry = _compiled[key]
    if entry is None:  # not compilable for this kind of reader: the ORM, every time
        return list(_facts_query(viewer, shown_for, ids))
    sql, slots, converters = entry
    region = policies.viewer_region(viewer)
    values = {"reader": getattr(viewer, "pk", None), "region": region}
    params = [value if kind == "value" else values[kind] for kind, value in slots]
    listed = ",".join(str(int(pk)) for pk in ids)  # ints only: safe to inline
    with connection.cursor() as cursor:
        cursor.execute(sql.replace(_IDS_MARK, listed), params)
        rows = cursor.fetchall()
    if converters:  # as the compiler would, but with this thread's connection
        converters = list(converters.items())
        rows = [list(row) for row in rows]
        for row in rows:
            for position, (functions, expression) in converters:
                for convert in functions:
                    row[position] = convert(row[position], expression, connection)
    return rows


def page_facts(viewer, shown_for, ids, *, name: str = "") -> dict[int, tuple[tuple, dict]]:
    """{note id: (card key, live values)} for those of `ids` in `shown_for(viewer)` (a queryset
    narrowed to what the reader may see there): one query, with the reader's liked/collected.
    `name` identifies `shown_for` for the compiled question (empty: the ORM every time)."""
    if not ids:
        return {}
    if name:
        rows = _rows(name, shown_for, viewer, ids)
    else:
        rows = list(_facts_query(viewer, shown_for, ids))
    facts = {}
    width = len(_VERSION) + 1
    for row in rows:
        live = dict(zip(_LIVE, row[width:], strict=True))
        live["liked"], live["collected"] = bool(live["liked"]), bool(live["collected"])
        facts[row[0]] = (_key(*row[:width]), live)
    return facts


def page_items(viewer, shown_for, entries, *, name: str = "") -> list[dict]:
    """The API items of a page: `entries` is [(note id, extra fields or None)] in page order;
    notes the reader may not see now (not in `shown_for(viewer)`) are left out. Cards missing
    from the memo are made in one load (three queries, whatever the page size)."""
    facts = page_facts(viewer, shown_for, [note_id for note_id, _extra in entries], name=name)
    cards = {}
    missing = []
    for note_id, (key, _live) in facts.items():
        card = _recall(key)
        if card is None:
            missing.append(note_id)
        else:
            cards[note_id] = card
    if missing:
        for note in notes_with_media().filter(pk__in=missing):
            card = card_of(note)
            _remember(_key_of(note), card)
            cards[note.pk] = card
    items = []
    for note_id, extra in entries:
        if note_id not in facts or note_id not in cards:  # hidden now, or deleted meanwhile
            continue
        item = {**cards[note_id], **facts[note_id][1]}
        if extra:
            item.update(extra)
        items.append(item)
    return items
