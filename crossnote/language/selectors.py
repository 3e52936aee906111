"""Language reads: what a reader speaks and which language to translate into for them."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput, NotFound
from crossnote.language.services import MAX_BATCH, wants_translation
from crossnote.notes.models import Comment, Note
from crossnote.notes.policies import visible_comments_filter, visible_notes_filter


def ui_language() -> str:
    """'zh-hans' → 'zh'; 'en' → 'en'."""
    return (get_language() or "en").split("-")[0]


def viewer_languages(request) -> tuple[list[str], str]:
    """(languages the reader reads, the language to translate into): the UI language first."""
    target = ui_language()
    languages = [target]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        languages += [code for code in user.languages if code != target]
    return languages, target


def parse_ids(values: list[str]) -> list[int]:
    """Ids from a query string, repeated (`ids=1&ids=2`) or comma-separated (`ids=1,2`), in order
    and without repeats; InvalidInput for anything that is not a positive whole number."""
    ids: list[int] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) == 0 or len(part) > 18:
                raise InvalidInput(_("“%(id)s” is not an id.") % {"id": part[:40]}, field="ids")
            if int(part) not in ids:
                ids.append(int(part))
    return ids


def _check_count(ids: list[int]) -> None:
    if not ids:
        raise InvalidInput(_("Say which texts to translate (ids)."), field="ids")
    if len(ids) > MAX_BATCH:
        raise InvalidInput(
            _("At most %(n)d texts can be translated at once.") % {"n": MAX_BATCH}, field="ids"
        )


def notes_for_titles(viewer, ids: list[int]) -> list:
    """The notes `viewer` may see with these ids, in the order asked; NotFound names the first
    id that is missing or hidden (the same answer either way)."""
    _check_count(ids)
    found = {
        note.pk: note
        for note in Note.objects.filter(visible_notes_filter(viewer), pk__in=ids).only(
            "id", "title", "language", "visibility"
        )
    }
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise NotFound(_("Note %(id)d not found.") % {"id": missing[0]})
    return [found[pk] for pk in ids]


def comments_to_translate(viewer, note, languages: list[str], ids: list[int] | None = None) -> list:
    """Comments of `note` that `viewer` may see: those with these ids (NotFound for one that is
    missing, hidden or on another note), or without ids every one in a language outside
    `languages` (oldest first, at most MAX_BATCH)."""
    shown = Comment.objects.filter(visible_comments_filter(viewer), note=note).order_by(
        "created_at", "id"
    )
    if ids is None:
        fields = shown.only("id", "body", "language", "note")
        comments = [c for c in fields if wants_translation(languages, c.language)][:MAX_BATCH]
    else:
        _check_count(ids)
        found = {c.pk: c for c in shown.filter(pk__in=ids)}
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise NotFound(_("Comment %(id)d not found.") % {"id": missing[0]})
        comments = [found[pk] for pk in ids]
    for comment in comments:
        comment.note = note  # one note for all: no query per comment
    return comments
