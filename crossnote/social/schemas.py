"""API shapes for follows and notifications."""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from crossnote.accounts.schemas import UserBrief
from crossnote.social.selectors import verb_phrase


class UserPage(Schema):
    items: list[UserBrief]
    next_cursor: str | None


class FollowOut(Schema):
    following: bool
    follower_count: int


NOTE_LABELLED = (
    "True: moderation labelled the note and the reader is not its author: show its picture "
    "(note_thumb_url) blurred, as the notifications page does; the note's page shows its warning"
)
COMMENT_WARNING = (
    "null: the comment is not labelled (or there is none). Otherwise moderation labelled it: "
    "show comment_text collapsed behind this warning, in the reader's language (the request's "
    "language: the language cookie, else Accept-Language), as the web pages do; given to the "
    "comment's author too, as the comments API does"
)


class NotificationOut(Schema):
    id: int
    verb: str
    message: str
    actor: UserBrief | None = Field(description="None: the platform (a moderation decision)")
    note_id: int | None = Field(
        description="None: about no note, or about one the reader can no longer see"
    )
    comment_id: int | None = Field(
        description="None: about no comment, or about one the reader can no longer see"
    )
    note_available: bool = Field(
        description="False: the reader can no longer see the note (removed, withheld in their "
        "region, made private ...); note_title is then a neutral text"
    )
    note_title: str | None = Field(description="None: the notification is about no note")
    note_labelled: bool = Field(description=NOTE_LABELLED)
    comment_available: bool = Field(
        description="False: the reader can no longer see the comment; comment_text is neutral"
    )
    comment_text: str | None = Field(description="None: the notification is about no comment")
    content_warning: str | None = Field(description=COMMENT_WARNING)
    read: bool
    created_at: datetime

    @staticmethod
    def resolve_message(obj):
        return verb_phrase(obj)

    # A hidden note's or comment's id is not told either: ids of removed, withheld or private
    # things would let a reader probe them (and the note's existence is itself the secret).
    @staticmethod
    def resolve_note_id(obj):
        return obj.note_id if obj.note_available else None

    @staticmethod
    def resolve_comment_id(obj):
        return obj.comment_id if obj.comment_available else None

    @staticmethod
    def resolve_read(obj):
        return obj.read_at is not None


class NotificationGroupOut(Schema):
    id: int = Field(description="The newest notification of the group")
    verb: str
    tab: str = Field(description="likes, follows, comments, or other (platform messages)")
    message: str = Field(
        description="The whole line in the reader's language, plural-aware: "
        "“Sam and 3 others liked your note”"
    )
    count: int = Field(description="How many notifications the group gathers")
    others: int = Field(description="Members not named in the message (“and N others”)")
    actors: list[UserBrief] = Field(description="The newest few actors, newest first")
    unread: bool = Field(description="True: at least one member is unread")
    note_id: int | None = Field(description="None: about no note, or one the reader cannot see")
    note_available: bool
    note_title: str | None = Field(description="Neutral text when the note is not available")
    note_thumb_url: str | None = Field(description="The note's first image (only if available)")
    note_labelled: bool = Field(description=NOTE_LABELLED)
    comment_id: int | None = Field(description="None: about no comment, or a hidden one")
    comment_available: bool
    comment_text: str | None
    content_warning: str | None = Field(description=COMMENT_WARNING)
    latest_at: datetime = Field(description="When the newest member happened")

    @staticmethod
    def resolve_message(obj):
        return obj.message()


class NotificationGroupPage(Schema):
    items: list[NotificationGroupOut]
    next_cursor: str | None
    unread: int = Field(description="Unread notifications in all tabs")
    unread_by_tab: dict[str, int] = Field(description="Unread notifications in each tab")


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None
    unread: int


class MarkReadIn(Schema):
    # Bounded like the database's ids: a huge number is a 422, not an overflow in the query.
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        None, description="Omit to mark all as read."
    )


class CountOut(Schema):
    count: int
