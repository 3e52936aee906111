"""The card path for notes' own lists of notes, handed over by feeds at start-up.

The card path (crossnote.feeds.cards: each note serialised once per version and reused by every
reader; which notes a reader may see now, with counts and their liked/collected marks, asked in
one question compiled once per kind of reader) lives in feeds, above notes. Notes' pages and API
answers that list notes (a person's notes on their profile) go through it by the functions feeds
hands over in FeedsConfig.ready (`use_card_path`): no import goes up (docs/architecture).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput
from crossnote.core.pagination import MAX_PAGE_SIZE, Page, decode_cursor, encode_cursor
from crossnote.notes import policies
from crossnote.notes.models import Note


@dataclass(frozen=True)
class CardPath:
    """What feeds hands over (each documented where it is written, in crossnote.feeds)."""

    # (viewer, shown_by, person_id, after, limit, *, name) -> [(note id, created_at)] newest first
    newest_shown_by: Callable[..., list]
    # (viewer, shown_for, [(note id, extra fields or None)], *, name) -> API items (dicts)
    page_items: Callable[..., list]
    # (viewer, shown_for, [(note id, why)], *, name) -> (cards for notes/_cards.html, liked ids)
    page_notes: Callable[..., tuple]
    # (viewer, question(reader, subject id) -> values_list queryset, subject id, *, name)
    # -> rows: a question about one note or person compiled once per kind of reader
    rows_about: Callable[..., list]


_path: CardPath | None = None


def use_card_path(path: CardPath | None) -> None:
    """Hand over the card path (feeds does, once, at start-up)."""
    global _path
    _path = path


def card_path() -> CardPath:
    """The card path feeds handed over."""
    if _path is None:
        raise ImproperlyConfigured(
            "The card path is handed over by crossnote.feeds at start-up (FeedsConfig.ready): "
            "is crossnote.feeds in INSTALLED_APPS?"
        )
    return _path


def shown_notes(viewer) -> QuerySet[Note]:
    """Every note `viewer` may see (selectors.visible_notes without images, topics and author
    joined): the card path's question about a page's ids."""
    return Note.objects.filter(policies.visible_notes_filter(viewer))


def shown_notes_by(viewer, person_id: int) -> QuerySet[Note]:
    """The notes of the person `person_id` that `viewer` may see (selectors.notes_by, lean)."""
    return shown_notes(viewer).filter(author_id=person_id)


def notes_by_page(person, viewer, cursor: str | None, limit: int) -> Page:
    """A page of `person`'s notes that `viewer` may see, newest first, as note ids: the profile's
    notes (page and API), paged by (created_at, id) cursors as core.pagination pages them.
    One question compiled once per kind of reader (crossnote.feeds.cards.newest_shown_by)."""
    if limit < 1 or limit > MAX_PAGE_SIZE:
        raise InvalidInput(
            _("limit must be between 1 and %(max)d.") % {"max": MAX_PAGE_SIZE}, field="limit"
        )
    after = decode_cursor(cursor) if cursor else None
    rows = card_path().newest_shown_by(
        viewer, shown_notes_by, person.pk, after, limit + 1, name="profile"
    )
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1][1], rows[-1][0]) if more and rows else None
    return Page(items=[pk for pk, _created in rows], next_cursor=next_cursor)
