"""API shapes for detection, translation and pinyin."""

from ninja import Schema
from pydantic import Field


class TranslateIn(Schema):
    text: str = Field(max_length=5000)
    target: str = Field(examples=["zh"], description="ISO 639-1 code of the wanted language")
    source: str | None = Field(None, description="Omit to detect")


class GlossTokenOut(Schema):
    surface: str = Field(description="The word as written (or text kept as is)")
    pinyin: str = Field(description="Tone-marked pinyin of the Chinese side; empty if none")
    gloss: str = Field(description="The commonest short sense, or a name's spelling")
    senses: list[str] = Field(description="More senses, shown on tap")
    is_name: bool = Field(description="A person's or place's name: spelled, not glossed")
    is_word: bool = Field(description="False for punctuation, spaces, #topics, links, emoji")


class TranslationOut(Schema):
    text: str
    source: str
    target: str
    backend: str = Field(description='"none" when the text is already in the target language')
    backend_label: str
    is_gloss: bool = Field(description="A word-by-word gloss, not a full translation")
    cached: bool = Field(description="Served from the instance-wide translation cache")
    translation_id: int | None
    tokens: list[GlossTokenOut] | None = Field(
        None,
        description="When is_gloss: the word-by-word learner's view (not a translation); "
        "`text` then holds each word with its gloss in brackets. Null for translations.",
    )


class NoteTranslationOut(Schema):
    note_id: int
    language: str
    title: TranslationOut
    body: TranslationOut | None
    alt_texts: list[TranslationOut | None] = Field(description="Image descriptions, in order")


class CommentTranslationOut(Schema):
    comment_id: int
    language: str
    body: TranslationOut


class DetectIn(Schema):
    text: str = Field(max_length=5000)


class DetectOut(Schema):
    language: str = Field(description='ISO 639-1 code, "mixed" or "und" (undetermined)')
    confidence: float
    parts: list[dict]


class TranslationReportIn(Schema):
    reason: str = Field("", max_length=500)


class TranslationReportOut(Schema):
    id: int
    dropped_from_cache: bool


class PinyinIn(Schema):
    text: str = Field(max_length=5000)


class PinyinOut(Schema):
    pinyin: str
    ruby_html: str


class BackendOut(Schema):
    name: str
    label: str
    is_local: bool
    is_gloss: bool
    available_pairs: list[str]


class PairOut(Schema):
    source: str
    target: str
    engine: str | None = Field(description="The engine that serves this pair now; null if none")
    label: str
    is_gloss: bool = Field(description="It is the word-by-word learner's view, not a translation")
    is_local: bool
    fallbacks: list[str] = Field(description="Engines tried after it, in order")


class LanguagesOut(Schema):
    enabled: list[str]
    backends: list[BackendOut]
    pairs: list[PairOut] = Field(description="Which engine serves each pair of enabled languages")


class TitleTranslationOut(Schema):
    note_id: int
    language: str = Field(description="The note's detected language")
    title: TranslationOut | None = Field(description="Null when no engine translates it")


class TitleTranslationsOut(Schema):
    target: str
    items: list[TitleTranslationOut] = Field(description="In the order of `ids`")


class CommentBatchItemOut(Schema):
    comment_id: int
    language: str
    body: TranslationOut | None = Field(description="Null when no engine translates it")


class CommentTranslationsOut(Schema):
    note_id: int
    target: str
    items: list[CommentBatchItemOut]
