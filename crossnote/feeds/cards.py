"""Feed cards at memory speed: each note serialised once per version, visibility asked once a page.

A card is a note as the API shows it (crossnote.notes.schemas.NoteOut), written once per note
version in each process and reused by every reader. Its key is the version, read fresh with
every page: the note's id and `updated_at` (an edit saves the note; a change to its topics or an
image saved in place touches it, see crossnote.feeds.hooks), its images (how many, the newest
id) and its author's username, display name and avatar. A card is therefore never older than
the note, and holding cards in process memory cannot serve anything stale: an old version is
simply never asked for again, and drops out of the bounded memo.

What differs per reader or by the minute is never in a card. Nor is a note's content warning:
a moderator's label changes no version, and its text is shown in each reader's language; the
card holds a null in its place, and each page reads the note's label (`moderation`,
`content_warning`) in its one question and writes the warning for its reader
(crossnote.notes.schemas.content_warning). Each page asks the database one
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

import time
from datetime import UTC, datetime

import orjson
from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, CharField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from crossnote.core import pgnews
from crossnote.core.memo import BoundedMemo
from crossnote.core.renderers import dumps
from crossnote.core.sql import ids_as_parameter, planned_cursor
from crossnote.notes import policies
from crossnote.notes.models import Collect, Note, NoteImage, NoteLike
from crossnote.notes.schemas import NoteOut, content_warning
from crossnote.notes.selectors import notes_with_media

MEMO_SIZE = 20_000  # cards per process (about 1 kB each)

_memo: BoundedMemo = BoundedMemo(MEMO_SIZE)

# What a page reads for each note: its card's version, then what is not in the card.
_VERSION = ("id", "updated_at", "author__username", "author__display_name", "author__avatar")
_LIVE = ("like_count", "collect_count", "comment_count", "liked", "collected")
# The note's label, read with every page (a label changes no version; its text is translated
# per reader): into the live values, written into API items as `content_warning`.
_LABEL = ("moderation", "content_warning")


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
    """The note's card: NoteOut as the API writes it (ninja's JSON rules), as plain values,
    with no content warning (written per reader from the page's facts: page_items)."""
    card = orjson.loads(dumps(NoteOut.from_orm(note).model_dump()))
    card["content_warning"] = None  # kept in its place in the schema's order
    return card


def _remember(key: tuple, card: dict) -> None:
    _memo.remember(key, card)


def _recall(key: tuple) -> dict | None:
    return _memo.recall(key)


# Other per-process memos of feed reads (visitors' pages, readers' heads) are emptied with these.
_also_forget: list = []


def forget_with(forget) -> None:
    """Have forget_all call `forget` too (another memo of feed reads in process memory)."""
    _also_forget.append(forget)


def forget_all() -> None:
    """Empty this process's memo and compiled questions (tests; nothing needs it to be right)."""
    _memo.forget()
    _compiled.clear()
    _newest.forget()
    _facts.forget()
    for forget in _also_forget:
        forget()


# --- the page's one question, compiled once per kind of reader ----------------------------

_IDS_MARK = "-7340099"  # stands for the page's ids in a compiled question
_STAND_INS = ((-7340033, "QZ"), (-7340034, "QY"))  # (reader id, region): user-assigned codes
_AFTER = (  # (created_at, id) of a timeline's keyset
    (datetime(2001, 2, 3, 4, 5, 6, 7, tzinfo=UTC), -7340035),
    (datetime(2002, 3, 4, 5, 6, 7, 8, tzinfo=UTC), -7340036),
)
_SUBJECTS = (-7340037, -7340038)  # whose notes (a person's id), in a question about one person
_compiled: dict[tuple, tuple | None] = {}


def ids_marker() -> RawSQL:
    notes = connection.ops.quote_name(Note._meta.db_table)
    return RawSQL(f"{notes}.id IN ({_IDS_MARK})", [], output_field=BooleanField())  # noqa: S611


def _facts_query(viewer, shown_for, ids=None, extra: tuple = ()) -> QuerySet:
    where = ids_marker() if ids is None else Q(pk__in=list(ids))
    return (
        shown_for(viewer)
        .filter(where)
        .annotate(image_mark=_image_mark(), **_viewer_marks(viewer))
        .values_list(*_VERSION, "image_mark", *_LIVE, *_LABEL, *extra)
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


def _compile(question, viewer, *, marked: bool = True) -> tuple | None:
    """(sql, parameter slots, column converters) of `question(reader, n)` (a queryset, with
    the ids marker when `marked`, for the n-th stand-in reader and keyset) for this kind of
    reader, or None when the reader's values do not land in plain parameters."""
    compiled = []
    for n, (pk, region) in enumerate(_STAND_INS):
        query = question(_stand_in(viewer, pk, region), n).query
        compiler = query.get_compiler(using=connection.alias)
        sql, params = compiler.as_sql()
        compiled.append((sql, list(params), compiler))
    (sql, params, compiler), (other_sql, other_params, _other) = compiled
    if sql != other_sql or len(params) != len(other_params):
        return None
    if sql.count(_IDS_MARK) != (1 if marked else 0):
        return None
    stand_ins = {
        (_STAND_INS[0][0], _STAND_INS[1][0]): "reader",
        (_STAND_INS[0][1], _STAND_INS[1][1]): "region",
        (_AFTER[0][1], _AFTER[1][1]): "after_id",
        _SUBJECTS: "subject",
        tuple(_adapt(after[0]) for after in _AFTER): "after_created",
    }
    slots = []
    for value, other in zip(params, other_params, strict=True):
        if value == other:
            slots.append(("value", value))
        elif (value, other) in stand_ins:
            slots.append((stand_ins[(value, other)], None))
        else:
            return None
    converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
    return sql, slots, converters


def _adapt(moment: datetime):
    return connection.ops.adapt_datetimefield_value(moment)


def _compiled_for(name: str, question, viewer, *, marked: bool = True) -> tuple | None:
    key = (name, connection.alias, connection.vendor, reader_kind(viewer))
    if key not in _compiled:
        _compiled[key] = _compile(question, viewer, marked=marked)
    return _compiled[key]


def _execute(
    entry: tuple, viewer, ids, *, convert: bool = True, after=None, limit=None, subject=None
) -> list:
    """Run a compiled question with the real reader's values, the page's ids (or keyset
    `after` and `limit` for a page of a timeline) and the person it is about (`subject`)."""
    sql, slots, converters = entry
    values = {
        "reader": getattr(viewer, "pk", None),
        "region": policies.viewer_region(viewer),
        "subject": subject,
    }
    if after is not None:
        values["after_created"], values["after_id"] = _adapt(after[0]), int(after[1])
    params = [value if kind == "value" else values[kind] for kind, value in slots]
    planned = connection.vendor == "postgresql" and settings.DATABASE_PREPARE_THRESHOLD > 0
    if ids is not None and planned:
        # One text for every page: prepared on the connection, planned once (core.sql).
        sql, params = ids_as_parameter(sql, params, _IDS_MARK, ids)
    elif ids is not None:
        listed = ",".join(str(int(pk)) for pk in ids)  # ints only: safe to inline
        sql = sql.replace(_IDS_MARK, listed)
    if limit is not None:
        sql = f"{sql} LIMIT {int(limit)}"
    with planned_cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters and convert:  # as the compiler would, but with this thread's connection
        converters = list(converters.items())
        rows = [list(row) for row in rows]
        for row in rows:
            for position, (functions, expression) in converters:
                for function in functions:
                    row[position] = function(row[position], expression, connection)
    return rows


def compiled_rows(name: str, question, viewer, ids) -> list:
    """The rows of `question(reader, ids)` (a values_list queryset narrowed by `ids`, or by the
    ids marker when `ids` is None) for `viewer` and `ids`, through SQL compiled once per process
    and kind of reader by this module's compiler (the ORM every time
    for a kind whose values do not land in plain parameters), columns converted as the ORM
    would. Any value in the question other than the reader's and the ids is fixed at its first
    compile: what changes from call to call (the moment) is applied by the caller, not in the
    question."""
    if not ids:
        return []
    entry = _compiled_for(name, lambda reader, _n: question(reader, None), viewer)
    if entry is None:
        return list(question(viewer, ids))
    return _execute(entry, viewer, ids)


def _rows(name: str, shown_for, viewer, ids, extra: tuple = ()) -> list:
    if extra:
        name = f"{name}:+{','.join(extra)}"
    entry = _compiled_for(
        name, lambda reader, _n: _facts_query(reader, shown_for, extra=extra), viewer
    )
    if entry is None:  # not compilable for this kind of reader: the ORM, every time
        return list(_facts_query(viewer, shown_for, ids, extra))
    return _execute(entry, viewer, ids)


# On PostgreSQL, a signed-in reader's page facts as last read, with the generation of the
# database's news (what decides which notes they may see, in which versions and labels:
# crossnote.core.pgnews) and the mark of their own likes and collects (announced per person,
# notes migration 0009) they were read at: while neither moved, and for at most
# FACTS_KEEP_SECONDS, the page asks the database nothing. What is not news is others' likes,
# collects and comments: the counts may lag by FACTS_KEEP_SECONDS (the reader's own like
# shows at once), as an author's new name or avatar may.
FACTS_KEEP_SECONDS = 10.0
_facts: BoundedMemo = BoundedMemo(5_000)


def _kept_rows(name: str, shown_for, viewer, ids, extra: tuple) -> list:
    if not getattr(viewer, "is_authenticated", False):
        return _rows(name, shown_for, viewer, ids, extra)
    generation = pgnews.generation()
    mark = pgnews.people_mark() if generation is not None else None
    if mark is None:
        return _rows(name, shown_for, viewer, ids, extra)
    key = (name, extra, viewer.pk, policies.viewer_region(viewer), reader_kind(viewer), tuple(ids))
    kept = _facts.get(key)
    now = time.monotonic()
    if (
        kept is not None
        and kept[0] == generation
        and now < kept[2]
        and pgnews.marks_unchanged(viewer.pk, kept[1])
    ):
        return kept[3]
    rows = _rows(name, shown_for, viewer, ids, extra)
    _facts.remember(key, (generation, mark, now + FACTS_KEEP_SECONDS, rows))
    return rows


def _versions_query(viewer, shown_for, ids=None) -> QuerySet:
    where = ids_marker() if ids is None else Q(pk__in=list(ids))
    return shown_for(viewer).filter(where).order_by("id").values_list("id", "updated_at", *_LABEL)


def shown_versions(viewer, shown_for, ids, *, name: str) -> tuple:
    """((note id, updated_at, moderation, content_warning) …) by id of those of `ids` in
    `shown_for(viewer)` now: a cheap check (one compiled query, values as the database gives
    them) that a page made earlier still shows the same notes in the same versions, under the
    same labels (a label changes no version). Compare only with its own results."""
    if not ids:
        return ()
    entry = _compiled_for(
        f"{name}:versions", lambda reader, _n: _versions_query(reader, shown_for), viewer
    )
    if entry is None:
        return tuple(map(tuple, _versions_query(viewer, shown_for, ids)))
    return tuple(map(tuple, _execute(entry, viewer, ids, convert=False)))


def page_facts(
    viewer, shown_for, ids, *, name: str = "", extra: tuple[str, ...] = ()
) -> dict[int, tuple[tuple, dict]]:
    """{note id: (card key, live values)} for those of `ids` in `shown_for(viewer)` (a queryset
    narrowed to what the reader may see there): one query, with the reader's liked/collected.
    `name` identifies `shown_for` for the compiled question (empty: the ORM every time).
    The live values always hold the note's label (`moderation`, `content_warning`).
    `extra`: more of the note's own columns (e.g. "language") read in the same query, into the
    live values under their names."""
    if not ids:
        return {}
    extra = tuple(name for name in extra if name not in _LABEL)
    if name:
        rows = _kept_rows(name, shown_for, viewer, ids, extra)
    else:
        rows = list(_facts_query(viewer, shown_for, ids, extra))
    facts = {}
    width = len(_VERSION) + 1
    for row in rows:
        live = dict(zip((*_LIVE, *_LABEL, *extra), row[width:], strict=True))
        live["liked"], live["collected"] = bool(live["liked"]), bool(live["collected"])
        facts[row[0]] = (_key(*row[:width]), live)
    return facts


def page_items(
    viewer, shown_for, entries, *, name: str = "", facts: dict | None = None
) -> list[dict]:
    """The API items of a page: `entries` is [(note id, extra fields or None)] in page order;
    notes the reader may not see now (not in `shown_for(viewer)`) are left out. Cards missing
    from the memo are made in one load (three queries, whatever the page size). `facts`: the
    page's page_facts when the caller read them on the way (asked here when None)."""
    if facts is None:
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
        live = facts[note_id][1]
        item = {**cards[note_id], **{name: live[name] for name in _LIVE}}
        # In the reader's language, from the label read now: never kept in the shared card.
        item["content_warning"] = content_warning(live["moderation"], live["content_warning"])
        if extra:
            item.update(extra)
        items.append(item)
    return items


def _newest_query(viewer, shown_for, after=None) -> QuerySet:
    notes = shown_for(viewer)
    if after is not None:
        created, pk = after
        notes = notes.filter(Q(created_at__lt=created) | Q(created_at=created, id__lt=pk))
    return notes.order_by("-created_at", "-id").values_list("id", "created_at")


# On PostgreSQL, a signed-in reader's timeline pages (ids and times) as last asked, with the
# generation of the database's news they were asked at (crossnote.core.pgnews): what decides
# them (notes, their authors' accounts, withholdings, follows, blocks, mutes) is announced when
# written, so while the generation is the same they are too. Their facts (counts, the reader's
# marks) are read at every page, as before.
_newest: BoundedMemo = BoundedMemo(5_000)


def newest_shown(viewer, shown_for, after, limit: int, *, name: str) -> list[tuple]:
    """Up to `limit` (note id, created_at) of `shown_for(viewer)`, newest first, after the
    keyset `after` ((created_at, id) of the last note of the previous page; None: from the
    newest): a page of a timeline, asked through a question compiled once per kind of reader."""
    generation = pgnews.generation()
    if generation is None or not getattr(viewer, "is_authenticated", False):
        return _asked_newest(viewer, shown_for, after, limit, name=name)
    key = (name, viewer.pk, policies.viewer_region(viewer), after, limit)
    kept = _newest.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    rows = _asked_newest(viewer, shown_for, after, limit, name=name)
    _newest.remember(key, (generation, rows))
    return rows


def _asked_newest(viewer, shown_for, after, limit: int, *, name: str) -> list[tuple]:
    entry = _compiled_for(
        f"{name}:newest:{'after' if after else 'first'}",
        lambda reader, n: _newest_query(reader, shown_for, _AFTER[n] if after else None),
        viewer,
        marked=False,
    )
    if entry is None:
        return [tuple(row) for row in _newest_query(viewer, shown_for, after)[:limit]]
    return [tuple(row) for row in _execute(entry, viewer, None, after=after, limit=limit)]


def newest_shown_by(viewer, shown_by, person_id: int, after, limit: int, *, name: str) -> list:
    """newest_shown for the notes of one person: up to `limit` (note id, created_at) of
    `shown_by(viewer, person_id)`, newest first, after the keyset `after`. The person lands in a
    parameter of the question compiled once per kind of reader, as the reader does; a compiled
    question where it does not is not used (the ORM instead)."""
    entry = _compiled_for(
        f"{name}:newest-by:{'after' if after else 'first'}",
        lambda reader, n: _newest_query(
            reader,
            lambda someone: shown_by(someone, _SUBJECTS[n]),
            _AFTER[n] if after else None,
        ),
        viewer,
        marked=False,
    )
    if entry is None or all(kind != "subject" for kind, _value in entry[1]):
        shown = lambda someone: shown_by(someone, person_id)  # noqa: E731
        return [tuple(row) for row in _newest_query(viewer, shown, after)[:limit]]
    rows = _execute(entry, viewer, None, after=after, limit=limit, subject=int(person_id))
    return [tuple(row) for row in rows]


def rows_about(viewer, question, subject_id: int, *, name: str) -> list:
    """The rows of `question(reader, subject_id)` (a values_list queryset about one thing, a
    note or a person, whose id lands in plain parameters) for `viewer`, through SQL compiled
    once per process and kind of reader, columns converted as the ORM would (the ORM every
    time where the reader or the subject does not land in plain parameters). As with
    compiled_rows, any other value in the question is fixed at its first compile."""
    entry = _compiled_for(
        f"{name}:about",
        lambda reader, n: question(reader, _SUBJECTS[n]),
        viewer,
        marked=False,
    )
    if entry is None or all(kind != "subject" for kind, _value in entry[1]):
        return [tuple(row) for row in question(viewer, subject_id)]
    return [tuple(row) for row in _execute(entry, viewer, None, subject=int(subject_id))]
