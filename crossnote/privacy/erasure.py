"""Erasing an account: every row, file, cached translation and search entry of a person.

What goes and what stays (docs/operating/privacy.md):
- their notes, with everything under them: images, others' comments and likes, saves into
  others' boards, withholdings (a note is one conversation; it goes as a whole);
- their own comments on others' notes; others' replies under those comments are the repliers'
  and stay, moved to the top of the thread (during the grace period they show under a
  "deleted account" placeholder: crossnote.notes.selectors);
- their likes, saves, boards, follows, blocks, mutes, tokens, notifications (received and
  caused), log-in history, access logs, exports and consent records; the account itself;
- cached translations of every text that goes, and the translation reports quoting it;
- search-index entries (with their rows; SQLite's full-text segments are merged afterwards);
- moderation decisions about them are kept, pseudonymised: no author, the quoted spans blanked,
  the statement kept with those spans cut out (the record of what the platform did, DSA Art. 17);
  review items about their content lose the reviewed text; the append-only audit log keeps its
  rows (actor set to none), which name objects by number, not by content;
Counters on others' notes, comments and profiles are put right. Files are deleted once the
database transaction commits.
"""

import hashlib
import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, F

from crossnote.core import hooks

log = logging.getLogger(__name__)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _doomed_texts(user) -> set[str]:
    """Every text that disappears with the account (what the translation cache may hold)."""
    from crossnote.notes.models import Comment, Note, NoteImage

    texts = {user.bio, user.display_name}
    for title, body in Note.objects.filter(author=user).values_list("title", "body"):
        texts |= {title, body}
    texts |= set(NoteImage.objects.filter(note__author=user).values_list("alt_text", flat=True))
    # Others' replies under their comments stay (re-parented), and so do their translations.
    comments = Comment.objects.filter(author=user) | Comment.objects.filter(note__author=user)
    texts |= set(comments.values_list("body", flat=True))
    return {t for t in texts if t and t.strip()}


def _stored_files(user) -> list[str]:
    from crossnote.notes.models import NoteImage
    from crossnote.privacy.models import ExportRequest

    names = [user.avatar.name] if user.avatar else []
    for thumb, large in NoteImage.objects.filter(note__author=user).values_list("thumb", "large"):
        names += [thumb, large]
    exports = ExportRequest.objects.filter(user=user).exclude(file_name="")
    return [n for n in names if n] + [
        f"exports:{n}" for n in exports.values_list("file_name", flat=True)
    ]


def _drop_translations(user, texts: set[str]) -> None:
    from crossnote.language.models import Translation, TranslationReport

    TranslationReport.objects.filter(reporter=user).delete()  # their reasons are their words
    hashes = {_sha(t) for t in texts}
    Translation.objects.filter(text_hash__in=hashes).delete()
    quoting = [r.pk for r in TranslationReport.objects.only("original") if r.original in texts]
    TranslationReport.objects.filter(pk__in=quoting).delete()


def _pseudonymise_moderation(user) -> None:
    """Keep what was decided and why, without who or their words: decisions lose their author
    and quoted spans; review items lose the reviewed text (their appeals, reports, strikes and
    suspensions go with the account)."""
    from crossnote.moderation.models import Decision, ReviewItem

    ReviewItem.objects.filter(author=user).update(content_text="", author=None)

    for decision in Decision.objects.filter(author=user):
        quoted = set()
        signals = []
        for signal in decision.signals or []:
            signal = dict(signal)
            for span in signal.get("spans") or []:
                if span.get("text"):
                    quoted.add(span["text"])
            signal["spans"] = [{**span, "text": ""} for span in signal.get("spans") or []]
            signals.append(signal)
        statement = decision.statement
        for text in sorted(quoted, key=len, reverse=True):
            statement = statement.replace(text, "…")
        decision.signals, decision.statement, decision.author = signals, statement, None
        decision.save(update_fields=["signals", "statement", "author"])


def _undo_counters(user) -> None:
    """Counts on others' things that this person's rows add to."""
    from crossnote.accounts.models import User
    from crossnote.notes.models import (
        Collect,
        Comment,
        CommentLike,
        ModerationState,
        Note,
        NoteLike,
        Topic,
        Visibility,
    )
    from crossnote.notes.policies import HIDDEN_STATES
    from crossnote.social.models import Follow

    for note_id in (
        NoteLike.objects.filter(user=user)
        .exclude(note__author=user)
        .values_list("note_id", flat=True)
    ):
        Note.objects.filter(pk=note_id).update(like_count=F("like_count") - 1)
    for comment_id in (
        CommentLike.objects.filter(user=user)
        .exclude(comment__note__author=user)
        .values_list("comment_id", flat=True)
    ):
        Comment.objects.filter(pk=comment_id).update(like_count=F("like_count") - 1)
    saved = Collect.objects.filter(board__owner=user).exclude(note__author=user)
    for note_id in set(saved.values_list("note_id", flat=True)):
        Note.objects.filter(pk=note_id).update(collect_count=F("collect_count") - 1)
    for followee_id in Follow.objects.filter(follower=user).values_list("followee_id", flat=True):
        User.objects.filter(pk=followee_id).update(follower_count=F("follower_count") - 1)
    for follower_id in Follow.objects.filter(followee=user).values_list("follower_id", flat=True):
        User.objects.filter(pk=follower_id).update(following_count=F("following_count") - 1)
    # Only notes that counted on their topics (public, not held or removed) come off them.
    topics = Topic.objects.filter(
        notes__author=user,
        notes__visibility=Visibility.PUBLIC,
        notes__moderation__in=set(ModerationState.values) - set(HIDDEN_STATES),
    ).annotate(n=Count("notes"))
    for topic in topics:
        Topic.objects.filter(pk=topic.pk).update(note_count=F("note_count") - topic.n)
    # Their comments on others' notes go; others' replies under them are theirs and stay,
    # moved up to the top of the thread (a reply's parent would otherwise cascade them away).
    mine = Comment.objects.filter(author=user).exclude(note__author=user)
    notes = set(mine.values_list("note_id", flat=True))
    kept = Comment.objects.filter(parent__in=mine).exclude(author=user)
    Comment.objects.filter(pk__in=list(kept.values_list("pk", flat=True))).update(parent=None)
    mine.delete()
    from crossnote.notes.services import recount_comments

    for note_id in notes:  # recounted: held or removed comments were not counted
        recount_comments(note_id)


def _end_sessions(user) -> None:
    from django.conf import settings
    from django.contrib.sessions.models import Session

    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return  # other engines: the deactivated account's sessions no longer authenticate
    doomed = [
        s.pk
        for s in Session.objects.iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=doomed).delete()


def _delete_files(names: list[str]) -> None:
    from crossnote.privacy.services import export_storage

    for name in names:
        storage = default_storage
        if name.startswith("exports:"):
            storage, name = export_storage(), name.removeprefix("exports:")
        try:
            storage.delete(name)
        except OSError:
            log.warning("could not delete %s", name)


def _compact_full_text_indexes() -> None:
    """Search entries go with their rows (crossnote.search deletes them in the same transaction).
    A contentless SQLite FTS5 index keeps deleted tokens in old segments until they merge, so
    every FTS5 table is optimised (merged) after an erasure: no token of theirs survives."""
    from django.db import connection

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
    from crossnote.notes.models import Note

    texts, files = _doomed_texts(user), _stored_files(user)
    with transaction.atomic():
        hooks.collect(hooks.USER_ERASING, user=user)
        _pseudonymise_moderation(user)
        _drop_translations(user, texts)
        _undo_counters(user)
        Note.objects.filter(author=user).delete()
        _end_sessions(user)
        user.delete()
        transaction.on_commit(lambda: _delete_files(files))
        transaction.on_commit(_compact_full_text_indexes)
