"""API shapes for privacy settings, exports, deletion, log-ins, blocks and mutes."""

from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, StrictBool


class PrivacyOut(Schema):
    comment_permission: str
    discoverable: bool
    hide_region: bool
    data_region: str
    data_region_name: str
    deletion_scheduled_for: datetime | None = None


class PrivacyIn(Schema):
    comment_permission: Literal["everyone", "followers", "nobody"] | None = None
    discoverable: StrictBool | None = None
    hide_region: StrictBool | None = None


class ExportOut(Schema):
    id: int
    status: str
    progress: int
    step: str
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None
    size: int
    download_url: str | None = Field(
        None, description="Signed, for this account only; valid until expires_at."
    )


class DeletionIn(Schema):
    password: str = Field(max_length=128, description="The account's password, to confirm")


class DeletionOut(Schema):
    status: str
    erase_after: datetime
    detail: str


class LoginOut(Schema):
    at: datetime
    ip: str | None
    user_agent: str


class PersonOut(Schema):
    username: str
    since: datetime
