"""REST endpoints for translation, detection and pinyin."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.accounts.models import User
from crossnote.language import backends, services
from crossnote.language.detection import detect_language, enabled_languages
from crossnote.language.pinyin import pinyin_ruby, pinyin_text
from crossnote.language.schemas import (
    CommentTranslationOut,
    CommentTranslationsOut,
    DetectIn,
    DetectOut,
    LanguagesOut,
    NoteTranslationOut,
    PinyinIn,
    PinyinOut,
    TitleTranslationsOut,
    TranslateIn,
    TranslationOut,
    TranslationReportIn,
    TranslationReportOut,
)
from crossnote.language.selectors import comments_to_translate, notes_for_titles
from crossnote.notes.selectors import get_comment, get_visible_note
from crossnote.security.ratelimits import ALL_METHODS, rate_limit

router = Router(tags=["language"])


@router.post("/translate", response=TranslationOut, auth=REQUIRED)
@rate_limit("translate")
def translate(request, payload: TranslateIn):
    """Translate any text (cached for the instance). Private text: use the note endpoints."""
    return services.translate_text(payload.text, payload.target, source=payload.source)


@router.get("/notes/{note_id}/translation", response=NoteTranslationOut, auth=OPTIONAL)
@rate_limit("translate", methods=ALL_METHODS)
def note_translation(request, note_id: int, target: str):
    """A note's title and body in `target`; followers-only and private notes use local engines."""
    note = get_visible_note(request.user, note_id)
    result = services.translate_note(note=note, target=target)
    return {"note_id": note.pk, "language": note.language, **result}


@router.get("/comments/{comment_id}/translation", response=CommentTranslationOut, auth=OPTIONAL)
@rate_limit("translate", methods=ALL_METHODS)
def comment_translation(request, comment_id: int, target: str):
    comment = get_comment(request.user, comment_id)
    body = services.translate_comment(comment=comment, target=target)
    return {"comment_id": comment.pk, "language": comment.language, "body": body}


@router.get("/translation/titles", response=TitleTranslationsOut, auth=OPTIONAL)
@rate_limit("translate", methods=ALL_METHODS)
def title_translations(request, target: str, ids: list[int] = Query(...)):  # noqa: B008
    """Several notes' titles in `target` in one request (cards on explore and search), through
    the same cache as the note endpoint; at most 50 ids, 404 naming a missing or hidden one."""
    target = services.normalise_target(target)
    notes = notes_for_titles(request.user, ids)
    results = services.translate_titles(notes=notes, target=target)
    items = [
        {"note_id": note.pk, "language": note.language, "title": results[note.pk]} for note in notes
    ]
    return {"target": target, "items": items}


@router.get("/notes/{note_id}/comments/translation", response=CommentTranslationsOut, auth=OPTIONAL)
@rate_limit("translate", methods=ALL_METHODS)
def comment_translations(
    request,
    note_id: int,
    target: str,
    ids: list[int] | None = Query(None),  # noqa: B008
):
    """A note's comments in `target` in one request: those in `ids`, or without ids every
    comment in another language (oldest first, at most 50)."""
    note = get_visible_note(request.user, note_id)
    target = services.normalise_target(target)
    comments = comments_to_translate(request.user, note, [target], ids or None)
    results = services.translate_comments(comments=comments, target=target)
    items = [{"comment_id": c.pk, "language": c.language, "body": results[c.pk]} for c in comments]
    return {"note_id": note.pk, "target": target, "items": items}


@router.get("/users/{username}/bio/translation", response=TranslationOut, auth=OPTIONAL)
@rate_limit("translate", methods=ALL_METHODS)
def bio_translation(request, username: str, target: str):
    user = get_object_or_404(User, username__iexact=username, is_active=True)
    return services.translate_bio(user=user, target=target)


@router.post("/notes/{note_id}/translation/report", response=TranslationReportOut, auth=REQUIRED)
@rate_limit("report")
def report_note_translation(request, note_id: int, target: str, payload: TranslationReportIn):
    """Report a bad translation of a note: recorded for the operator, dropped from the cache."""
    note = get_visible_note(request.user, note_id)
    report = services.report_note_translation(
        user=request.user, note=note, target=target, reason=payload.reason
    )
    return {"id": report.pk, "dropped_from_cache": True}


@router.post(
    "/comments/{comment_id}/translation/report", response=TranslationReportOut, auth=REQUIRED
)
@rate_limit("report")
def report_comment_translation(request, comment_id: int, target: str, payload: TranslationReportIn):
    """Report a bad translation of a comment: recorded for the operator, dropped from the cache."""
    comment = get_comment(request.user, comment_id)
    report = services.report_comment_translation(
        user=request.user, comment=comment, target=target, reason=payload.reason
    )
    return {"id": report.pk, "dropped_from_cache": True}


@router.post("/detect", response=DetectOut, auth=OPTIONAL)
def detect(request, payload: DetectIn):
    """Detect the language of a text among the languages this instance enables."""
    result = detect_language(payload.text)
    return {"language": result.code, "confidence": result.confidence, "parts": result.parts}


@router.post("/pinyin", response=PinyinOut, auth=OPTIONAL)
def to_pinyin(request, payload: PinyinIn):
    """Tone-marked pinyin of Chinese text, plain and as escaped <ruby> HTML."""
    return {"pinyin": pinyin_text(payload.text), "ruby_html": str(pinyin_ruby(payload.text))}


@router.get("/languages", response=LanguagesOut, auth=OPTIONAL)
def languages(request):
    """The enabled languages, the translation engines in the order they are tried, and the
    engine that serves each pair."""
    enabled = list(enabled_languages())
    out = []
    for backend in backends.chain():
        pairs = [f"{s}-{t}" for s in enabled for t in enabled if s != t and backend.supports(s, t)]
        info = {**backend.info.__dict__, "label": str(backend.info.label)}
        out.append({**info, "available_pairs": pairs})
    return {"enabled": enabled, "backends": out, "pairs": backends.serving_pairs(enabled)}
