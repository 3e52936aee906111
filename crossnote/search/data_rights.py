"""Search's part of a person's export and erasure (crossnote.core.data_rights): what they
searched for lately is exported under `recent_searches` and goes with the account. The index
entries of their profile and notes are copies of exported rows, and go with those rows (search's
hooks delete them in the same transaction; privacy.erasure merges SQLite's full-text segments
afterwards).
"""

from crossnote.core.data_rights import iso, register
from crossnote.search.models import NoteEmbedding, NoteEntry, RecentSearch, UserEntry

COVERS = tuple(model._meta.label for model in (NoteEmbedding, NoteEntry, RecentSearch, UserEntry))


def export(user, media: dict[str, str]) -> dict:
    rows = RecentSearch.objects.filter(user=user).order_by("-searched_at")
    return {"recent_searches": [{"query": r.query, "at": iso(r.searched_at)} for r in rows]}


def erase(user) -> None:
    RecentSearch.objects.filter(user=user).delete()
    UserEntry.objects.filter(user=user).delete()


register("search", order=55, export=export, erase=erase, covers=COVERS)
