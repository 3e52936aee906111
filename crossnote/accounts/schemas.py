"""API shapes for accounts."""

from datetime import datetime

from ninja import Schema
from pydantic import Field, StrictBool


class UserBrief(Schema):
    username: str
    display_name: str
    avatar_url: str | None

    @staticmethod
    def resolve_avatar_url(obj):
        return obj.avatar.url if obj.avatar else None


class UserOut(UserBrief):
    bio: str
    bio_language: str  # detected: an ISO 639-1 code, "mixed", "und", or "" when there is no bio
    display_name_language: str
    region: str
    languages: list[str]
    follower_count: int
    following_count: int
    note_count: int
    joined_at: datetime = Field(validation_alias="date_joined")

    @staticmethod
    def resolve_region(obj):
        # Hidden when the person chose "hide region on profile" (privacy settings).
        if getattr(obj, "hide_region", False):
            return ""
        return str(obj.region.code or "") if obj.region else ""


class MeOut(UserOut):
    auto_translate: bool

    @staticmethod
    def resolve_region(obj):
        return str(obj.region.code or "") if obj.region else ""


class ProfileOut(UserOut):
    is_following: bool = False


class SignUpIn(Schema):
    username: str = Field(max_length=30, examples=["mia_cats"])
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    display_name: str = Field("", max_length=50)
    region: str = Field("", max_length=2, examples=["US"])
    languages: list[str] = Field(default_factory=list, examples=[["en"]])
    accept_guidelines: StrictBool = Field(
        description="Must be true: the person has read the community guidelines (/guidelines/)"
    )
    invite_code: str = Field(
        "", max_length=40, description="Needed while sign-up is by invitation (GET /signup-mode)"
    )
    reason: str = Field(
        "", max_length=500, description="Why you want to join (read by staff in approval mode)"
    )


class SignUpPendingOut(Schema):
    """Approval mode: the account waits for staff; it cannot log in until approved."""

    detail: str
    status: str
    username: str


class LogInIn(Schema):
    username: str = Field(max_length=254, description="Username or email")
    password: str = Field(max_length=128)


class SuspendedOut(Schema):
    detail: str
    status: str = "suspended"
    until: datetime | None = Field(description="When the suspension ends; null: indefinitely")
    url: str = Field(description="The page with the statements of reasons and the appeal form")


class ProfileIn(Schema):
    display_name: str | None = Field(None, max_length=50)
    bio: str | None = Field(None, max_length=500)
    region: str | None = Field(None, max_length=2)
    languages: list[str] | None = None
    auto_translate: StrictBool | None = None


class PasswordIn(Schema):
    old_password: str = Field(max_length=128)
    new_password: str = Field(max_length=128)


class TokenIn(Schema):
    name: str = Field(max_length=50)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="The secret; shown only in this response.")
