"""The language bridge's part of a person's export and erasure (crossnote.core.data_rights):
the translation reports they filed, and the cached translations of their texts.

Erasure runs before notes' part (order), while their texts can still be read: every cached
translation of a text that goes with the account (their profile, notes, photo descriptions,
their comments and the comments under their notes) is dropped, and so are translation reports
they filed (their reasons are their words) or that quote such a text. Others' replies under
their comments stay, and so do those replies' translations. Messages' translations are dropped
by messaging's part.
"""

from crossnote.core.data_rights import iso, register
from crossnote.language.models import Translation, TranslationReport
from crossnote.language.services import _hash
from crossnote.notes.models import Comment, Note, NoteImage

COVERS = ("language.Translation", "language.TranslationReport")


def export(user, media: dict[str, str]) -> dict:
    return {
        "translation_reports": [
            {
                "source": r.source,
                "target": r.target,
                "backend": r.backend,
                "original": r.original,
                "translation": r.translation,
                "reason": r.reason,
                "created_at": iso(r.created_at),
            }
            for r in TranslationReport.objects.filter(reporter=user).order_by("pk")
        ]
    }


def _doomed_texts(user) -> set[str]:
    """Every text that disappears with the account (what the translation cache may hold)."""
    texts = {user.bio, user.display_name}
    for title, body in Note.objects.filter(author=user).values_list("title", "body"):
        texts |= {title, body}
    texts |= set(NoteImage.objects.filter(note__author=user).values_list("alt_text", flat=True))
    comments = Comment.objects.filter(author=user) | Comment.objects.filter(note__author=user)
    texts |= set(comments.values_list("body", flat=True))
    return {t for t in texts if t and t.strip()}


def erase(user) -> None:
    texts = _doomed_texts(user)
    TranslationReport.objects.filter(reporter=user).delete()
    Translation.objects.filter(text_hash__in={_hash(t) for t in texts}).delete()
    quoting = [r.pk for r in TranslationReport.objects.only("original") if r.original in texts]
    TranslationReport.objects.filter(pk__in=quoting).delete()


register("language", order=20, export=export, erase=erase, covers=COVERS)
