"""Remote content in the reader's feeds and search, given to the layers below through hooks
(feeds and search sit under federation and never import it): notes of people elsewhere the reader
follows join their following feed by time (FOLLOWING_ELSEWHERE), and search finds people
elsewhere (by name, or `@name@server` to look up) and the notes of those the reader follows, with
the same case, width and traditional/simplified folding as local search (SEARCH_ELSEWHERE)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.urls import reverse

from crossnote.core.errors import InvalidInput
from crossnote.federation import activities, services
from crossnote.federation.models import DomainBlock, RemoteActor, RemoteFollow, RemoteNote
from crossnote.search.text import fold

HIDDEN_ACTIONS = ("hold", "remove")
SCAN_NOTES = 500  # recent notes of followed people read per search (folded and matched here)


@dataclass
class RemoteCard:
    """A remote note as a card among local ones (the feed's masonry grid, search results)."""

    note: RemoteNote
    created_at: datetime  # the sort key the feed merges on (the note's `published`)
    card_template: str = "federation/_remote_card.html"

    @property
    def pk(self) -> str:  # never equal to a local note's id (liked_ids and the like)
        return f"r{self.note.pk}"

    def as_dict(self) -> dict:
        """The following API's `elsewhere` item (feeds.schemas.ElsewhereNoteOut)."""
        n, actor = self.note, self.note.actor
        return {
            "id": n.pk,
            "uri": n.uri,
            "page_url": reverse("federation:remote_note", kwargs={"pk": n.pk}),
            "author_name": actor.name or actor.username,
            "author_address": actor.address,
            "author_url": reverse("federation:remote_person", kwargs={"pk": actor.pk}),
            "content": n.content,
            "text": n.text,
            "summary": n.summary,
            "language": n.language,
            "attachments": n.attachments,
            "published": n.published,
        }


@dataclass
class ElsewhereHit:
    """A search result from elsewhere: a person (known here, or an address to look up) or a
    note; rendered by `template`."""

    kind: str  # "person" | "lookup" | "note"
    template: str
    person: RemoteActor | None = None
    note: RemoteNote | None = None
    address: str = ""

    def as_dict(self) -> dict:
        """The search API's `elsewhere` item (search.schemas.ElsewhereHitOut)."""
        if self.note is not None:
            actor = self.note.actor
            return {
                "kind": self.kind,
                "address": actor.address,
                "name": actor.name or actor.username,
                "url": reverse("federation:remote_note", kwargs={"pk": self.note.pk}),
                "text": self.note.text,
                "published": self.note.published,
            }
        if self.person is not None:
            return {
                "kind": self.kind,
                "address": self.person.address,
                "name": self.person.name or self.person.username,
                "url": reverse("federation:remote_person", kwargs={"pk": self.person.pk}),
            }
        return {"kind": self.kind, "address": self.address, "name": "", "url": ""}


def _readable(viewer) -> QuerySet:
    """Notes (not replies) of the people elsewhere `viewer` follows, shown to readers."""
    followed = RemoteFollow.objects.filter(user=viewer, state=RemoteFollow.State.ACCEPTED).values(
        "actor_id"
    )
    return (
        RemoteNote.objects.filter(actor_id__in=followed, in_reply_to="", reply_to_note=None)
        .exclude(moderation__in=HIDDEN_ACTIONS)
        .exclude(actor__domain__in=DomainBlock.objects.values("domain"))
        .select_related("actor")
    )


def following_elsewhere(
    viewer, *, newer_than=None, older_than=None, limit: int = 50
) -> list[RemoteCard]:
    """The reader's followed people elsewhere: their notes published after `newer_than` and
    at or before `older_than` (None: no bound), newest first, as cards."""
    if not activities.enabled() or not getattr(viewer, "is_authenticated", False):
        return []
    rows = _readable(viewer)
    if newer_than is not None:
        rows = rows.filter(published__gt=newer_than)
    if older_than is not None:
        rows = rows.filter(published__lte=older_than)
    return [RemoteCard(note=n, created_at=n.published) for n in rows.order_by("-published")[:limit]]


def _folded(text: str) -> str:
    return fold(" ".join((text or "").split()))


def _people(typed: str, limit: int) -> list[ElsewhereHit]:
    if len(typed) < 2:
        return []
    rows = (
        RemoteActor.objects.filter(Q(username__istartswith=typed) | Q(name__icontains=typed))
        .exclude(domain__in=DomainBlock.objects.values("domain"))
        .order_by("username")[:limit]
    )
    return [ElsewhereHit("person", "federation/_elsewhere_hit.html", person=p) for p in rows]


def _address(text: str, viewer) -> list[ElsewhereHit]:
    """`@name@server` typed: the person if known here, else an offer to look them up."""
    try:
        name, host = services.parse_address(text)
    except InvalidInput:
        return []
    if host == activities.domain() or services.is_blocked(host):
        return []
    known = RemoteActor.objects.filter(username__iexact=name, domain=host).first()
    if known is not None:
        return [ElsewhereHit("person", "federation/_elsewhere_hit.html", person=known)]
    if not getattr(viewer, "is_authenticated", False):
        return []
    return [ElsewhereHit("lookup", "federation/_elsewhere_hit.html", address=f"@{name}@{host}")]


def _notes(viewer, typed: str, limit: int) -> list[ElsewhereHit]:
    if not getattr(viewer, "is_authenticated", False):
        return []
    words = [w for w in typed.split() if w]
    if not words:
        return []
    found = []
    for note in _readable(viewer).order_by("-published")[:SCAN_NOTES]:
        haystack = _folded(f"{note.summary} {note.text} {' '.join(note.hashtags)}")
        if all(word in haystack for word in words):
            found.append(ElsewhereHit("note", "federation/_elsewhere_hit.html", note=note))
            if len(found) >= limit:
                break
    return found


def search_elsewhere(viewer, text: str, *, notes: bool = True, limit: int = 5) -> list:
    """What search finds elsewhere for `text`: an address typed as @name@server (known, or to
    look up), people elsewhere known here by name, and (`notes`) notes of people elsewhere the
    reader follows that contain every word."""
    if not activities.enabled():
        return []
    text = " ".join((text or "").split())
    if not text:
        return []
    hits = _address(text, viewer) if "@" in text.strip("@") else []
    if hits:
        return hits
    typed = _folded(text)
    hits = _people(text.lstrip("@"), limit)
    if notes:
        hits += _notes(viewer, typed, limit * 2)
    return hits
