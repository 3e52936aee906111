"""API shapes for search results and suggestions."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from crossnote.accounts.schemas import UserBrief
from crossnote.notes.schemas import NoteOut


class HitFields(Schema):
    snippet: str = Field(
        "", description="An escaped extract with the matched words in <mark>…</mark>"
    )
    language: str = Field("", description="Detected language of the text (zh, en, mixed, …)")
    translated: bool = Field(
        False, description="Found only through a translation of the query (CC-CEDICT)"
    )
    similar: bool = Field(
        False, description="Found by meaning (sentence embeddings) when no words matched"
    )

    @staticmethod
    def resolve_snippet(obj):
        return str(obj.search_hit.snippet)

    @staticmethod
    def resolve_language(obj):
        return obj.search_hit.language or ""

    @staticmethod
    def resolve_translated(obj):
        return obj.search_hit.translated

    @staticmethod
    def resolve_similar(obj):
        return obj.search_hit.similar


class NoteHitOut(NoteOut, HitFields):
    in_photo: bool = Field(
        False,
        description="The words matched in the text read in one of its photos, or in the "
        "frames of its video (OCR): 'text in photo' / 'text in video'",
    )

    @staticmethod
    def resolve_in_photo(obj):
        return obj.search_hit.in_photo


class UserHitOut(UserBrief, HitFields):
    bio: str
    follower_count: int
    note_count: int


class TopicHitOut(Schema):
    name: str
    note_count: int
    url: str
    translated: bool = False

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_translated(obj):
        return obj.search_hit.translated


class ElsewhereHitOut(Schema):
    """A result from other servers (ActivityPub): a person known here, an `@name@server` to look
    up (POST /api/v1/federation/lookup), or a note of someone you follow there."""

    kind: str = Field(description="person, lookup or note")
    address: str = Field(description="@name@server (of the person, or of the note's author)")
    name: str
    url: str = Field(description="Their profile or the note's page here; '' for a lookup")
    text: str = Field("", description="The note's text (notes only)")
    published: datetime | None = None


class SearchOut(Schema):
    type: str = Field(description="notes, users or topics")
    query: str
    terms: list[str] = Field(description="The query's words as matched (folded, segmented)")
    translations: list[str] = Field(
        description="Translations of the query's words also searched, with a lower weight"
    )
    exact: bool = Field(description="False when every result came through a translation")
    similar: bool = Field(
        False, description="True when no words matched and the notes are close in meaning"
    )
    notes: list[NoteHitOut] = Field(default_factory=list)
    users: list[UserHitOut] = Field(default_factory=list)
    topics: list[TopicHitOut] = Field(default_factory=list)
    next_cursor: str | None
    elsewhere: list[ElsewhereHitOut] = Field(
        default_factory=list, description="From other servers (first page only)"
    )


class TopicSuggestion(Schema):
    name: str
    note_count: int


class SuggestOut(Schema):
    topics: list[TopicSuggestion]
    users: list[UserBrief]
    recent: list[str] = Field(description="Your own recent searches (signed in only)")
    elsewhere: list[ElsewhereHitOut] = Field(
        default_factory=list, description="People on other servers (known here, or to look up)"
    )
