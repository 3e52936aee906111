"""The interface every translation backend implements, and the errors the chain understands.

A backend translates a batch of plain-text segments (sentences or short runs of text between
protected spans such as #topics, @mentions, URLs and emoji: those never reach a backend) from one
language to another. Language codes are ISO 639-1 (`zh` means Simplified Chinese, `en` English).
Backends raise BackendUnavailable for anything that should fall through to the next backend in
the chain (not configured, model missing, timeout, HTTP error, malformed reply).
"""

from dataclasses import dataclass


class BackendUnavailable(Exception):
    """This backend cannot translate this request now; the chain tries the next one."""


@dataclass(frozen=True)
class BackendInfo:
    name: str  # "argos", "libretranslate", "openai", "deepl", "dictionary"
    label: str  # shown to users: "Argos Translate (on this server)", "DeepL", ...
    is_local: bool  # True when text never leaves this server
    is_gloss: bool = False  # True for word-by-word glosses rather than translations
    # True for engines that read context (an LLM): the slang glossary, the note's title and the
    # thread's language go with the text instead of slang being cut out and replaced.
    reads_context: bool = False


class TranslationBackend:
    """Base class. Subclasses set `info` and implement `supports` and `translate_batch`.

    A gloss backend (`info.is_gloss`) also implements `gloss_batch(segments, source, target)`,
    one list of word tokens per segment (the learner's view, never a sentence), and
    `gloss_line(tokens, target)`, that view as one line of plain text.
    """

    info: BackendInfo

    def __init__(self, options: dict | None = None):
        # options come from settings (CROSSNOTE_TRANSLATION_OPTIONS[name]): urls, keys, timeouts.
        self.options = options or {}

    def supports(self, source: str, target: str) -> bool:
        """Whether this backend can try source→target at all (configured, model installed...)."""
        raise NotImplementedError

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Translate each segment; return exactly one string per segment, in order."""
        raise NotImplementedError

    def translate_in_context(
        self, segments: list[str], source: str, target: str, context: dict | None
    ) -> list[str]:
        """`translate_batch` with context (title, thread_language, glossary) for engines that
        read it (`info.reads_context`); the others ignore it."""
        return self.translate_batch(segments, source, target)
