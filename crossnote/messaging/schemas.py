"""API shapes for messages."""

from datetime import datetime

from ninja import Schema
from pydantic import Field, StrictBool

from crossnote.accounts.schemas import UserBrief
from crossnote.messaging.models import BODY_MAX


class PreferencesIn(Schema):
    who_may_message: str | None = Field(None, description="everyone, following or nobody")
    read_receipts: StrictBool | None = None


class PreferencesOut(Schema):
    who_may_message: str
    read_receipts: bool


class ConversationIn(Schema):
    recipients: list[str] = Field(
        ..., min_length=1, max_length=19, description="usernames; two or more make a group"
    )
    title: str = Field("", max_length=80, description="groups only")
    body: str = Field("", max_length=BODY_MAX, description="optional first message")


class MembersIn(Schema):
    usernames: list[str] = Field(..., min_length=1, max_length=19, description="people to add")


class ConversationOut(Schema):
    id: int
    kind: str
    title: str
    state: str = Field(description="active, or request while it waits in your Requests")
    people: list[UserBrief] = Field(description="everyone else in the conversation")
    unread: int
    last_message_at: datetime | None
    ended: bool = Field(description="a block ended it: no one can write any more")
    auto_translate: bool


class ConversationPage(Schema):
    items: list[ConversationOut]
    unread_total: int
    requests: int


class MessageOut(Schema):
    id: int
    conversation: int
    sender: str
    sender_name: str
    body: str
    language: str
    image_url: str | None
    reply_to: int | None
    created_at: datetime
    unsent: bool
    safety: str
    scam_signals: list[str]
    mine: bool
    warnings: list[str] = Field(description="calm scam warnings in your language")
    translation: str | None = Field(description="present when automatic translation is on")
    translation_engine: str | None
    can_translate: bool
    read_by: list[str] = Field(description="who has read your message (read receipts)")


class MessagePage(Schema):
    items: list[MessageOut]
    last_read_id: int


class SettingsIn(Schema):
    auto_translate: StrictBool


class ReadIn(Schema):
    up_to: int | None = Field(None, description="message id; default: the newest")


class ReadOut(Schema):
    last_read_id: int


class CountsOut(Schema):
    messages: int
    requests: int


class MessageTranslationOut(Schema):
    text: str
    source: str
    target: str
    engine: str = Field(description="which engine translated it (messages: local engines only)")
    engine_is_local: bool
    is_gloss: bool


class MessageReportIn(Schema):
    message_ids: list[int] = Field(..., min_length=1, max_length=20)
    reason: str
    text: str = Field("", max_length=1000)


class MessageReportOut(Schema):
    id: int
    shared_with_moderators: list[int] = Field(
        description="ids of the messages moderators will see: the reported ones and the few "
        "before them for context, nothing else"
    )
    notice: str


class OkOut(Schema):
    ok: bool


class MessageForm(Schema):
    body: str = Field("", max_length=BODY_MAX, description="text; may be empty with an image")
    reply_to: int | None = Field(None, description="id of a message of this conversation")
