"""API shapes for follows and notifications."""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from crossnote.accounts.schemas import UserBrief


class UserPage(Schema):
    items: list[UserBrief]
    next_cursor: str | None


class FollowOut(Schema):
    following: bool
    follower_count: int


class NotificationOut(Schema):
    id: int
    verb: str
    message: str
    actor: UserBrief | None = Field(description="None: the platform (a moderation decision)")
    note_id: int | None
    comment_id: int | None
    note_available: bool = Field(
        description="False: the reader can no longer see the note (removed, withheld in their "
        "region, made private ...); note_title is then a neutral text"
    )
    note_title: str | None = Field(description="None: the notification is about no note")
    comment_available: bool = Field(
        description="False: the reader can no longer see the comment; comment_text is neutral"
    )
    comment_text: str | None = Field(description="None: the notification is about no comment")
    read: bool
    created_at: datetime

    @staticmethod
    def resolve_message(obj):
        return str(obj.get_verb_display())

    @staticmethod
    def resolve_read(obj):
        return obj.read_at is not None


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
