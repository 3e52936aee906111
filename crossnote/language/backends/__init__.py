"""The registry of translation backends, and the chain the settings choose."""

from django.conf import settings
from django.utils.module_loading import import_string

from crossnote.language.backends.base import BackendInfo, BackendUnavailable, TranslationBackend

REGISTRY = {
    "argos": "crossnote.language.backends.argos.ArgosBackend",
    "libretranslate": "crossnote.language.backends.libretranslate.LibreTranslateBackend",
    "openai": "crossnote.language.backends.openai.OpenAIChatBackend",
    "deepl": "crossnote.language.backends.deepl.DeepLBackend",
    "dictionary": "crossnote.language.backends.dictionary.DictionaryBackend",
}

__all__ = [
    "BackendInfo",
    "BackendUnavailable",
    "TranslationBackend",
    "get_backend",
    "chain",
    "serving_pairs",
]

_instances: dict[tuple, TranslationBackend] = {}


def get_backend(name: str) -> TranslationBackend:
    """The configured instance of one backend (options from CROSSNOTE_TRANSLATION_OPTIONS)."""
    if name not in REGISTRY:
        raise KeyError(name)
    options = dict(settings.CROSSNOTE_TRANSLATION_OPTIONS.get(name, {}))
    key = (name, tuple(sorted((k, str(v)) for k, v in options.items())))
    if key not in _instances:
        _instances[key] = import_string(REGISTRY[name])(options)
    return _instances[key]


def chain() -> list[TranslationBackend]:
    """Backends in the operator's order (CROSSNOTE_TRANSLATION_BACKENDS); unknown names skipped."""
    return [
        get_backend(name) for name in settings.CROSSNOTE_TRANSLATION_BACKENDS if name in REGISTRY
    ]


def serving_pairs(languages) -> list[dict]:
    """For each ordered pair of `languages`: the engine that serves it (the first in the chain
    that supports it now) and the fallbacks after it. What `crossnote translation list`, the
    admin and GET /api/v1/languages show operators."""
    engines = chain()
    rows = []
    for source in languages:
        for target in languages:
            if source == target:
                continue
            ready = [b for b in engines if b.supports(source, target)]
            rows.append(
                {
                    "source": source,
                    "target": target,
                    "engine": ready[0].info.name if ready else None,
                    "label": str(ready[0].info.label) if ready else "",
                    "is_gloss": bool(ready and ready[0].info.is_gloss),
                    "is_local": bool(ready and ready[0].info.is_local),
                    "fallbacks": [b.info.name for b in ready[1:]],
                }
            )
    return rows
