"""Language writes: detect on write, translate through the backend chain and the shared cache,
report bad translations.

A note is translated once per target language for the whole instance: results are cached by
(sha256 of the text, source, target, backend). Text from followers-only or private notes is sent
only to local backends unless the operator allows remote ones (privacy-aware routing).
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from crossnote.core import hooks
from crossnote.core.errors import DomainError, InvalidInput, NotFound
from crossnote.language import backends
from crossnote.language.detection import MIXED, UNDETERMINED, Detection, detect_language
from crossnote.language.models import SlangTerm, Translation, TranslationReport
from crossnote.language.segments import _slang_re as slang_pattern
from crossnote.language.segments import join_pieces, split_for_translation
from crossnote.notes.models import Visibility

log = logging.getLogger(__name__)

MAX_TRANSLATE_CHARS = 5000


class TranslationUnavailable(DomainError):
    status = 503


@dataclass
class TranslationResult:
    text: str
    source: str
    target: str
    backend: str
    backend_label: str
    is_gloss: bool
    cached: bool
    translation_id: int | None = None
    # The offline learner's view: one dict per word (surface, pinyin, gloss, senses, is_name,
    # is_word; see backends.dictionary.token). None for a sentence translation.
    tokens: list[dict] | None = None

    @property
    def unchanged(self) -> bool:
        return self.backend == "none"


def normalise_target(code: str) -> str:
    """'zh-hans', 'zh-CN', 'ZH' → 'zh'; 'en-us' → 'en'."""
    code = (code or "").strip().lower().replace("_", "-")
    base = code.split("-")[0]
    if base not in settings.CROSSNOTE_LANGUAGES:
        raise InvalidInput(
            _("“%(code)s” is not a language this server translates into.") % {"code": code},
            field="target",
        )
    return base


def glossary() -> dict[str, dict]:
    return {t.term: t.meanings for t in SlangTerm.objects.filter(enabled=True)}


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _eligible(private: bool) -> list:
    allow_remote = not private or settings.CROSSNOTE_TRANSLATION_REMOTE_PRIVATE
    return [b for b in backends.chain() if b.info.is_local or allow_remote]


def _from_cache(key: str, source: str, target: str, names: list[str]) -> Translation | None:
    rows = {
        row.backend: row
        for row in Translation.objects.filter(
            text_hash=key, source=source, target=target, backend__in=names
        )
    }
    return next((rows[name] for name in names if name in rows), None)


def _run(
    backend, text: str, detection: Detection, target: str, terms: dict, context: dict | None
) -> tuple[str, list[dict] | None] | None:
    """Translate with one backend: (text, learner tokens or None); None if it supports none of
    the pieces' languages. A gloss backend gives word tokens for each translated piece; the
    pieces kept as they are (#topics, @mentions, URLs, emoji, slang) become tokens too."""
    latin = None
    if detection.code == MIXED:
        latin = next((p["lang"] for p in detection.parts if p["lang"] != "zh"), "en")
        latin = "en" if latin == UNDETERMINED else latin
    reads_context = backend.info.reads_context
    pieces = split_for_translation(
        text,
        detection.code,
        mixed_latin=latin,
        glossary=None if reads_context else terms,
        target=target,
    )
    if reads_context:  # slang stays in the text; its meaning goes with the prompt
        context = {**(context or {}), "glossary": _terms_in(text, terms, target)}
    todo = [i for i, p in enumerate(pieces) if p.translate and p.source != target]
    by_source: dict[str, list[int]] = {}
    for index in todo:
        by_source.setdefault(pieces[index].source, []).append(index)
    if not any(backend.supports(source, target) for source in by_source):
        return None
    translated: dict[int, str] = {}
    words: dict[int, list[dict]] = {}
    glosses = getattr(backend, "gloss_batch", None) if backend.info.is_gloss else None
    for source, indexes in by_source.items():
        if not backend.supports(source, target):
            continue
        segments = [pieces[i].text for i in indexes]
        if glosses is not None:
            views = glosses(segments, source, target)
            words.update(zip(indexes, views, strict=True))
            outputs = [backend.gloss_line(view, target) for view in views]
        elif reads_context:
            outputs = backend.translate_in_context(segments, source, target, context)
        else:
            outputs = backend.translate_batch(segments, source, target)
        if len(outputs) != len(indexes):
            raise backends.BackendUnavailable("wrong number of segments returned")
        translated.update(zip(indexes, outputs, strict=True))
    text_out = join_pieces(pieces, translated)
    return text_out, (_tokens(pieces, words) if glosses is not None else None)


def _terms_in(text: str, terms: dict, target: str) -> dict[str, str]:
    """{slang term: its meaning in target} for the glossary terms this text contains."""
    pattern = slang_pattern(list(terms))  # whole words for Latin slang ("emo", not in "demo")
    found = {match.group(0).lower() for match in pattern.finditer(text)} if pattern else set()
    return {
        term: meanings[target]
        for term, meanings in terms.items()
        if term.lower() in found and meanings.get(target)
    }


def _tokens(pieces, words: dict[int, list[dict]]) -> list[dict]:
    """The learner's view of a whole text: word tokens where glossed, the rest kept as is."""
    from crossnote.language.backends.dictionary import token

    out: list[dict] = []
    for index, piece in enumerate(pieces):
        if index in words:
            out.extend(words[index])
        elif piece.replacement:  # slang from the operator's glossary
            out.append(token(piece.text, gloss=piece.replacement))
        else:
            out.append(token(piece.text, is_word=False))
    return out


def _store(key, source, target, backend, text, tokens=None) -> Translation:
    try:
        with transaction.atomic():
            return Translation.objects.create(
                text_hash=key,
                source=source,
                target=target,
                backend=backend.info.name,
                text=text,
                is_gloss=backend.info.is_gloss,
                tokens=tokens,
            )
    except IntegrityError:  # another request translated the same text meanwhile
        return Translation.objects.get(
            text_hash=key, source=source, target=target, backend=backend.info.name
        )


def _result(row: Translation, cached: bool) -> TranslationResult:
    info = backends.get_backend(row.backend).info
    return TranslationResult(
        text=row.text,
        source=row.source,
        target=row.target,
        backend=row.backend,
        backend_label=str(info.label),
        is_gloss=row.is_gloss,
        cached=cached,
        translation_id=row.pk,
        tokens=row.tokens,
    )


def translate_text(
    text: str,
    target: str,
    *,
    source: str | None = None,
    private: bool = False,
    context: dict | None = None,
) -> TranslationResult:
    """Translate `text` into `target` through the cache and the backend chain (module docstring).

    `private` marks text from followers-only or private content: remote backends are skipped
    unless CROSSNOTE_TRANSLATION_REMOTE_PRIVATE allows them. `context` ({"title": the note's
    title, "thread_language": its language}) helps engines that read it (an LLM) choose words;
    the cache is still keyed by the text alone. Raises TranslationUnavailable when no backend
    can translate it, InvalidInput for empty or oversize text.
    """
    target = normalise_target(target)
    text = text or ""
    if not text.strip():
        raise InvalidInput(_("There is no text to translate."), field="text")
    if len(text) > MAX_TRANSLATE_CHARS:
        raise InvalidInput(
            _("Texts over %(n)d characters cannot be translated.") % {"n": MAX_TRANSLATE_CHARS},
            field="text",
        )
    detection = Detection(source, 1.0) if source else detect_language(text)
    if detection.code == target:
        return TranslationResult(text, target, target, "none", "", False, True)
    if detection.code == UNDETERMINED:
        detection = Detection("en" if target == "zh" else "zh", 0.0)
    hooks.collect(hooks.TRANSLATION_REQUESTED, source=detection.code, target=target)  # insights
    key, chain = _hash(text), _eligible(private)
    hit = _from_cache(key, detection.code, target, [b.info.name for b in chain])
    if hit is not None:
        Translation.objects.filter(pk=hit.pk).update(hits=F("hits") + 1)
        hooks.collect(hooks.TRANSLATION_SERVED, backend=hit.backend, cached=True)  # ops metrics
        return _result(hit, cached=True)
    terms = glossary()
    for backend in chain:
        try:
            output = _run(backend, text, detection, target, terms, context)
        except backends.BackendUnavailable as exc:
            log.warning("translation backend %s failed: %s", backend.info.name, exc)
            hooks.collect(hooks.TRANSLATION_BACKEND_FAILED, backend=backend.info.name)  # ops
            continue
        if output is not None:
            row = _store(key, detection.code, target, backend, *output)
            return _result(row, cached=False)
    raise TranslationUnavailable(
        _("No translation engine on this server can translate this text right now.")
    )


def report_translation(
    *, user, translation_id: int, original: str, reason: str = ""
) -> TranslationReport:
    """Record that a translation is wrong and drop it from the cache, so the next reader gets a
    fresh one (from the next engine if this one keeps failing)."""
    row = Translation.objects.filter(pk=translation_id).first()
    if row is None or row.text_hash != _hash(original):
        raise NotFound(_("That translation no longer exists."))
    reason = (reason or "").strip()[:500]
    with transaction.atomic():
        report = TranslationReport.objects.create(
            reporter=user,
            source=row.source,
            target=row.target,
            backend=row.backend,
            original=original,
            translation=row.text,
            reason=reason,
        )
        row.delete()
    return report


def _private(note) -> bool:
    return note.visibility != Visibility.PUBLIC


def _thread_context(note) -> dict:
    """What an engine that reads context (the LLM) is told about a comment's thread."""
    return {"title": note.title, "thread_language": note.language}


def translate_note(*, note, target: str) -> dict:
    """Title, body and image descriptions of a note in `target` (None where there is no text)."""
    private = _private(note)
    context = _thread_context(note)

    def maybe(text: str) -> TranslationResult | None:
        if not text.strip():
            return None
        return translate_text(text, target, private=private, context=context)

    return {
        "title": translate_text(
            note.title, target, private=private, context={"thread_language": note.language}
        ),
        "body": maybe(note.body),
        "alt_texts": [maybe(image.alt_text) for image in note.images.all()],
    }


def translate_comment(*, comment, target: str) -> TranslationResult:
    note = comment.note
    return translate_text(
        comment.body, target, private=_private(note), context=_thread_context(note)
    )


def translate_bio(*, user, target: str) -> TranslationResult:
    return translate_text(user.bio, target)


def wants_translation(viewer_languages, language: str) -> bool:
    """Whether a reader who speaks `viewer_languages` needs `language` translated."""
    if not language or language == UNDETERMINED:
        return False
    if language == MIXED:
        return "zh" not in viewer_languages or len(set(viewer_languages)) < 2
    return language not in viewer_languages


def report_note_translation(*, user, note, target: str, reason: str = "") -> TranslationReport:
    """Report the machine translation of a note's title and body (what the reader saw)."""
    result = translate_note(note=note, target=target)
    report = None
    for part, original in (("title", note.title), ("body", note.body)):
        translated = result[part]
        if translated is not None and translated.translation_id:
            report = report_translation(
                user=user,
                translation_id=translated.translation_id,
                original=original,
                reason=reason,
            )
    if report is None:
        raise InvalidInput(_("This note has no machine translation to report."))
    return report


def report_comment_translation(
    *, user, comment, target: str, reason: str = ""
) -> TranslationReport:
    """Report the machine translation of a comment."""
    translated = translate_comment(comment=comment, target=target)
    if not translated.translation_id:
        raise InvalidInput(_("This comment has no machine translation to report."))
    return report_translation(
        user=user, translation_id=translated.translation_id, original=comment.body, reason=reason
    )


def cached_translation(text: str, target: str) -> Translation | None:
    """A cached translation of `text` into `target` from any engine (None if never made)."""
    return Translation.objects.filter(text_hash=_hash(text), target=target).first()


def cached_translations(texts, target: str, *, private: bool = False) -> dict[str, Translation]:
    """The cached translations of several texts into `target` in one query, {text: row}, each
    from the first engine of the chain that has one (engines `private` text may not reach left
    out); a text never translated is missing. Reads only: nothing is translated or counted."""
    target = normalise_target(target)
    keys = {_hash(text): text for text in texts if text and text.strip()}
    names = [b.info.name for b in _eligible(private)]
    if not keys or not names:
        return {}
    found: dict[str, Translation] = {}
    rows = Translation.objects.filter(text_hash__in=keys, target=target, backend__in=names)
    for row in sorted(rows, key=lambda row: names.index(row.backend)):
        found.setdefault(keys[row.text_hash], row)
    return found


MAX_BATCH = 50  # texts translated in one request (a page of cards is 24)


def _translate_many(items, text_of, target: str) -> dict[int, TranslationResult | None]:
    """{pk: result} for each item (None where no engine can translate that one); every text
    goes through translate_text, so the batch shares the cache with the single endpoints."""
    target = normalise_target(target)
    if len(items) > MAX_BATCH:
        raise InvalidInput(
            _("At most %(n)d texts can be translated at once.") % {"n": MAX_BATCH}, field="ids"
        )
    results: dict[int, TranslationResult | None] = {}
    for item in items:
        text, private, context = text_of(item)
        try:
            results[item.pk] = translate_text(text, target, private=private, context=context)
        except TranslationUnavailable:
            results[item.pk] = None
    if items and not any(results.values()):
        raise TranslationUnavailable(
            _("No translation engine on this server can translate this text right now.")
        )
    return results


def translate_titles(*, notes, target: str) -> dict[int, TranslationResult | None]:
    """The titles of several notes in `target` in one go (the cards of explore and search)."""
    return _translate_many(
        list(notes),
        lambda note: (note.title, _private(note), {"thread_language": note.language}),
        target,
    )


def translate_comments(*, comments, target: str) -> dict[int, TranslationResult | None]:
    """Several comments of one note in `target` in one go ("Translate all comments")."""
    return _translate_many(
        list(comments),
        lambda c: (c.body, _private(c.note), _thread_context(c.note)),
        target,
    )
