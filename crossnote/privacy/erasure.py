"""Erasing an account: every row, file, cached translation and search entry of a person.

Each app erases its own tables (its `erase` in the data-rights registry, crossnote.core.data_rights;
what each keeps and why is in its data_rights.py), in the registry's order, inside one
transaction; the account row goes last. In short (docs/operating/privacy.md):
- their notes, with everything under them: images, others' comments and likes, saves into
  others' boards, withholdings (a note is one conversation; it goes as a whole);
- their own comments on others' notes; others' replies under those comments are the repliers'
  and stay, moved to the top of the thread (during the grace period they show under a
  "deleted account" placeholder: crossnote.notes.selectors);
- their likes, saves, boards, follows, blocks, mutes, tokens, sessions, notifications (received
  and caused), messages, log-in history, access logs, exports and consent records; the account;
- cached translations of every text that goes, and the translation reports quoting it;
- search-index entries (with their rows; SQLite's full-text segments are merged afterwards);
- moderation decisions about them are kept, pseudonymised: no author, the quoted spans blanked,
  the statement kept with those spans cut out (the record of what the platform did, DSA Art. 17);
  review items about their content lose the reviewed text; the append-only audit log keeps its
  rows (actor set to none), which name objects by number, not by content.
Counters on others' notes, comments and profiles are put right (through notes' and social's
services). Files are deleted once the database transaction commits.
"""

from django.db import connection, transaction
from django.utils import timezone

from crossnote.core import data_rights
from crossnote.privacy.models import DeletionRequest


def _compact_full_text_indexes() -> None:
    """Search entries go with their rows (crossnote.search deletes them in the same transaction).
    A contentless SQLite FTS5 index keeps deleted tokens in old segments until they merge, so
    every FTS5 table is optimised (merged) after an erasure: no token of theirs survives."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL: a tsvector column goes with its row
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%USING fts5%'"
        )
        for (table,) in cursor.fetchall():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"INSERT INTO {quoted}({quoted}) VALUES ('optimize')")  # noqa: S608


def erase_account(user) -> None:
    """Erase `user` and everything of theirs (module docstring); atomic, files after commit."""
    with transaction.atomic():
        for part in data_rights.parts():
            if part.erase is not None:
                part.erase(user)
        user.delete()  # last: whatever a part keeps loses its link to the account here
        transaction.on_commit(_compact_full_text_indexes)


def run_erasure(*, request: DeletionRequest) -> bool:
    """Erase the account behind a claimed request (status `erasing`); False if it is gone."""
    user = request.user
    if user is None:
        return False
    erase_account(user)
    DeletionRequest.objects.filter(pk=request.pk).update(
        status=DeletionRequest.Status.DONE, completed_at=timezone.now(), error=""
    )
    return True
