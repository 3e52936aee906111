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

__all__ = ["BackendInfo", "BackendUnavailable", "TranslationBackend", "get_backend", "chain"]

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
