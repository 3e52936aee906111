"""Feed reads: the ranked explore feed (with why each note is there) and the following timeline.

Both page by opaque cursors, never OFFSET: explore's cursor carries the moment its ranking was
made and the position in that ranked pool (crossnote.feeds.ranking), then a (created_at, id)
keyset over the rest; the following timeline pages by (created_at, id).
"""

import base64
import binascii
import json
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crossnote.core import hooks
from crossnote.core.errors import InvalidInput
from crossnote.core.pagination import MAX_PAGE_SIZE, Page, decode_cursor
from crossnote.feeds import ranking
from crossnote.feeds.models import TopicInterest
from crossnote.notes import policies
from crossnote.notes.models import ModerationState, Note, Topic, Visibility
from crossnote.notes.selectors import visible_notes
from crossnote.social.models import Follow
from crossnote.social.selectors import muted_authors


def recommendable(notes: QuerySet, viewer) -> QuerySet:
    """Of `notes`, those explore may show `viewer`: public, never limited (not recommended),
    not by someone the reader muted. Visibility itself is the caller's (policies)."""
    return (
        notes.filter(visibility=Visibility.PUBLIC)
        .exclude(moderation=ModerationState.LIMITED)
        .exclude(author_id__in=muted_authors(viewer))
    )


def explore_notes(viewer) -> QuerySet:
    """Public notes the reader may see, never limited ones (not recommended)."""
    return recommendable(visible_notes(viewer), viewer)


def explore_shown(viewer) -> QuerySet:
    """explore_notes without images, topics and author joined: for questions about ids."""
    return recommendable(Note.objects.filter(policies.visible_notes_filter(viewer)), viewer)


def following_notes(viewer, *, media: bool = True) -> QuerySet:
    """Notes by the people `viewer` follows that `viewer` may see, reverse chronological
    (`media=False`: without images, topics and author, for a page of ids)."""
    followed = Follow.objects.filter(follower=viewer).values("followee_id")
    notes = (
        visible_notes(viewer)
        if media
        else Note.objects.filter(policies.visible_notes_filter(viewer))
    )
    return notes.filter(author_id__in=followed).exclude(author_id__in=muted_authors(viewer))


def elsewhere_between(viewer, page: Page, cursor: str | None) -> list:
    """The notes of people elsewhere the reader follows within a following page's span: after
    the page's oldest local note (none when it is the last page), up to where the previous page
    stopped (none: the first)."""
    older_than = decode_cursor(cursor)[0] if cursor else None
    newer_than = page.items[-1].created_at if page.next_cursor and page.items else None
    return hooks.collect(
        hooks.FOLLOWING_ELSEWHERE, viewer=viewer, newer_than=newer_than, older_than=older_than
    )


def with_elsewhere(viewer, page: Page, cursor: str | None) -> list:
    """A following page's notes with the notes of people elsewhere the reader follows merged in
    by time (federation answers FOLLOWING_ELSEWHERE; nothing registered: the page as it is)."""
    others = elsewhere_between(viewer, page, cursor)
    if not others:
        return list(page.items)
    return sorted([*page.items, *others], key=lambda item: item.created_at, reverse=True)


def following_shown(viewer) -> QuerySet:
    """following_notes without images, topics and author joined: for questions about ids."""
    return following_notes(viewer, media=False)


def picked_topics(user) -> list[Topic]:
    """The topics `user` picked, by name."""
    return list(
        Topic.objects.filter(
            pk__in=TopicInterest.objects.filter(user=user).values("topic_id")
        ).order_by("name")
    )


# --- explore -------------------------------------------------------------------------------


def _encode(payload: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int | None, tuple[datetime, int] | None, bool]:
    """(as_of, position in the pool or None, keyset after the pool or None, whether the pool is
    the visitors' shared one); 400 if foreign."""
    try:
        raw = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
        as_of = datetime.fromisoformat(raw["t"])
        if as_of.tzinfo is None:
            raise ValueError("cursors carry an aware timestamp")
        shared = raw.get("s") == 1
        if "p" in raw:
            position = int(raw["p"])
            if position < 0:
                raise ValueError("negative position")
            return as_of, position, None, shared
        created, pk = raw["c"]
        created = datetime.fromisoformat(created)
        if created.tzinfo is None:
            raise ValueError("cursors carry an aware timestamp")
        return as_of, None, (created, int(pk)), shared
    except (ValueError, TypeError, KeyError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidInput(_("The cursor is not valid."), field="cursor") from exc


# Reason texts by (language, code, topic): a page's sixty-odd reasons were looked up in the
# translation catalogue one by one, a third of a signed-in explore request.
_EXPLAINED_KEPT = 4096
_explained: dict[tuple, str] = {}


def explain(reason: dict, language: str | None = None) -> str:
    """One reason a note was recommended, in the reader's language (`language`: the active
    one, passed by callers that explain many)."""
    key = (language or get_language(), reason.get("code"), reason.get("topic", ""))
    text = _explained.get(key)
    if text is None:
        if len(_explained) >= _EXPLAINED_KEPT:
            _explained.clear()
        text = _explained[key] = _explain(reason)
    return text


def _explain(reason: dict) -> str:
    code = reason.get("code")
    if code == "topic":
        return _("Because you follow #%(topic)s") % {"topic": reason.get("topic", "")}
    if code == "network":
        return _("Followed by people you follow")
    if code == "cross_language":
        return _("Well received across languages")
    if code == "popular":
        return _("Popular this week")
    if code == "fresh":
        return _("New in the last day")
    if code == "language":
        return _("In a language you read")
    if code == "latest":
        return _("More notes, newest first")
    return _("Recently posted")


def explore_page(
    viewer, cursor: str | None = None, limit: int = 20, languages: list[str] | None = None
) -> Page:
    """One page of the ranked explore feed; each note carries `why` ([{code, text, …}])."""
    page = explore_entries(viewer, cursor, limit, languages)
    ids = [note_id for note_id, _why in page.items]
    notes_by_id = (
        {note.pk: note for note in explore_notes(viewer).filter(pk__in=ids)} if ids else {}
    )
    items = []
    for note_id, why in page.items:
        note = notes_by_id.get(note_id)
        if note is not None:  # gone or hidden since the pool was ranked
            note.why = why
            items.append(note)
    return Page(items=items, next_cursor=page.next_cursor)


def explore_entries(
    viewer, cursor: str | None = None, limit: int = 20, languages: list[str] | None = None
) -> Page:
    """One page of explore as (note id, why) pairs, in order. The ranked pool's ids are not
    re-checked here: callers read the notes through explore_notes or explore_shown, which leave
    out whatever the reader may no longer see."""
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    languages = languages or []
    if cursor:
        as_of, position, after, shared = _decode(cursor)
        pool = ranking.ranked_pool(viewer, as_of, languages, limit, shared=shared)
        size = len(pool)
    else:
        # A first page reads only the pool's head (the whole pool when it fits on the page); a
        # cold reader's is the visitors' of their region and languages (ranking.first_pool_of).
        as_of, pool, size, shared = ranking.first_pool_of(viewer, languages, limit)
        position, after = 0, None
    mark = {"s": 1} if shared else {}
    chosen: list[dict] = []
    if position is not None:
        chosen = pool[position : position + limit]
    next_cursor = None
    if position is not None and position + limit < size:
        next_cursor = _encode({"t": as_of.isoformat(), "p": position + limit, **mark})
    language = get_language()
    items = [
        (item["id"], [{**r, "text": explain(r, language)} for r in item["reasons"]])
        for item in chosen
    ]
    if next_cursor is None and len(chosen) < limit:
        # The pool is used up: go on with every other visible note, newest first.
        rest = explore_shown(viewer).filter(created_at__lte=as_of)
        rest = rest.exclude(pk__in=[item["id"] for item in pool]).order_by("-created_at", "-id")
        if after is not None:
            rest = ranking.older_than(rest, *after)
        want = limit - len(chosen)
        more = list(rest.values_list("id", "created_at")[: want + 1])
        latest = [{"code": "latest", "text": explain({"code": "latest"})}]
        items += [(note_id, latest) for note_id, _created in more[:want]]
        if len(more) > want:
            last_id, last_created = more[want - 1]
            next_cursor = _encode(
                {"t": as_of.isoformat(), "c": [last_created.isoformat(), last_id], **mark}
            )
    return Page(items=items, next_cursor=next_cursor)


def suggested_topics(limit: int = 30) -> list[Topic]:
    """Topics to offer a new reader: the ones with the most notes."""
    return list(Topic.objects.filter(note_count__gt=0).order_by("-note_count", "name")[:limit])
