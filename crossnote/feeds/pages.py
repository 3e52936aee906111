"""Feed pages (HTML) on the card path: a page's notes without building ORM notes when warm.

The explore page asks the same questions as the explore API: the page's ids from the ranked
pool (selectors.explore_entries), then one compiled question through the visibility rule for
which of them the reader may see now, with each card's version and the reader's liked marks
(crossnote.feeds.cards.page_facts). Each card's HTML that is the same for every reader (picture,
title, author) is a `{% fragment %}` keyed by that version and the language, so a warm page
renders from memory; what differs per reader or may change without a new version (liked marks,
counts, why, the translate button, the content-warning label) is rendered every time from the
page's facts. Only when a fragment is missing are the page's notes loaded (one load with images
and author for the whole page), through a PageNote that reads through to them.
"""

from django.urls import reverse

from crossnote.feeds import cards
from crossnote.notes.models import Note
from crossnote.notes.selectors import notes_with_media


class _PageLoad:
    """The page's notes with images and author, loaded once, when a fragment first needs them."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        self.notes: dict[int, Note] | None = None

    def note(self, pk: int) -> Note | None:
        if self.notes is None:
            self.notes = {note.pk: note for note in notes_with_media().filter(pk__in=self.ids)}
        return self.notes.get(pk)


class PageNote:
    """A note of a feed page as notes/_cards.html reads it: what the page's facts hold, and
    the rest (picture, title, author) read through to the note, loaded only on a cold card."""

    card_template = None
    search_hit = None

    def __init__(self, pk: int, version: tuple, live: dict, why, load: _PageLoad):
        self.pk = self.id = pk
        self.card_version = version
        self.like_count = live["like_count"]
        self.moderation = live["moderation"]
        self.language = live["language"]
        self.why = why
        self._load = load

    def get_absolute_url(self) -> str:
        return reverse("notes:detail", kwargs={"pk": self.pk})

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        note = self._load.note(self.pk)
        if note is None:  # deleted since the page's facts were read
            raise AttributeError(name)
        return getattr(note, name)


# What a card shows live besides its version: its label and language (a moderator's label
# changes no version), read in the same query as the page's facts.
PAGE_EXTRA = ("moderation", "language")


def page_notes(
    viewer, shown_for, entries, *, name: str, facts: dict | None = None
) -> tuple[list[PageNote], set[int]]:
    """(PageNotes in page order, ids the reader liked) for `entries` [(note id, why)]: the notes
    the reader may not see now (not in `shown_for(viewer)`) are left out. `facts`: the page's
    cards.page_facts with PAGE_EXTRA when the caller read them on the way (asked here if None)."""
    ids = [note_id for note_id, _why in entries]
    if facts is None:
        facts = cards.page_facts(viewer, shown_for, ids, name=name, extra=PAGE_EXTRA)
    load = _PageLoad(list(facts))
    notes, liked = [], set()
    for note_id, why in entries:
        if note_id not in facts:
            continue
        version, live = facts[note_id]
        notes.append(PageNote(note_id, version, live, why, load))
        if live["liked"]:
            liked.add(note_id)
    return notes, liked
