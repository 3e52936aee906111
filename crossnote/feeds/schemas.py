"""API shapes for the feeds: explore cards with why they were recommended, picked topics."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from crossnote.notes.schemas import NoteOut, NotePage


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


class ElsewhereNoteOut(Schema):
    """A note by someone on another server the reader follows (ActivityPub)."""

    id: int = Field(description="Its id here (/api/v1/federation/notes/{id}/...)")
    uri: str
    page_url: str = Field(description="Its page here, with comments")
    author_name: str
    author_address: str = Field(description="@name@server")
    author_url: str = Field(description="Their profile here")
    content: str = Field(description="Sanitised HTML")
    text: str
    summary: str = Field(description="Content warning")
    language: str
    attachments: list[dict]
    published: datetime


class FollowingPage(NotePage):
    elsewhere: list[ElsewhereNoteOut] = Field(
        default_factory=list,
        description="Notes by people elsewhere you follow published within this page's span "
        "(after its last note, before the previous page's), newest first",
    )
