"""API shapes for the feeds: explore cards with why they were recommended, picked topics."""

from ninja import Schema
from pydantic import Field

from crossnote.notes.schemas import NoteOut


class Reason(Schema):
    code: str = Field(
        description="topic, network, cross_language, popular, fresh, language, recent or latest"
    )
    text: str = Field(description="The reason in the reader's language")
    topic: str | None = None


class ExploreNoteOut(NoteOut):
    why: list[Reason] = Field(default_factory=list, description="Why this note is recommended")


class ExplorePage(Schema):
    items: list[ExploreNoteOut]
    next_cursor: str | None


class TopicsIn(Schema):
    topics: list[str] = Field(description="Names of existing topics, '#' optional (at most 20)")


class TopicsOut(Schema):
    picked: list[str]
    suggested: list[str]
