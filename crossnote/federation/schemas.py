"""Federation's REST shapes."""

from datetime import datetime

from ninja import Field, Schema


class RemoteActorOut(Schema):
    id: int
    uri: str
    address: str
    username: str
    name: str
    summary: str = Field(description="Sanitised HTML")
    url: str
    icon_url: str = Field(description="Their avatar's address on their server (not to show)")
    avatar_url: str = Field(
        description="This server's copy of their avatar, to show; empty until it is copied, or "
        "when their server's picture was refused"
    )
    languages: list[str]
    follow_state: str | None = Field(
        None, description="Your follow: pending, accepted, rejected; null when you do not follow"
    )
    followers_here: int = 0


class LookupIn(Schema):
    address: str = Field(description="@name@server.example, or an actor URL")


class RemoteNoteOut(Schema):
    id: int
    uri: str
    url: str
    content: str = Field(description="Sanitised HTML")
    text: str
    summary: str = Field(description="Content warning")
    sensitive: bool
    language: str
    attachments: list[dict]
    hashtags: list[str]
    published: datetime
    like_count: int
    liked: bool = False


class RemoteNotePage(Schema):
    items: list[RemoteNoteOut]
    next_cursor: str | None = None


class RemoteTranslationOut(Schema):
    text: str
    source: str
    target: str
    backend: str


class FollowStateOut(Schema):
    following: bool
    state: str | None = None


class BlockedOut(Schema):
    blocked: bool


class LikedOut(Schema):
    liked: bool
    like_count: int


class DomainBlockIn(Schema):
    domain: str = Field(description="e.g. spam.example (blocks its subdomains too)")
    severity: str = Field("suspend", description="suspend or silence (both refuse everything)")
    reason: str = Field("", max_length=500)


class DomainBlockOut(Schema):
    domain: str
    severity: str
    reason: str
    created_at: datetime


class BlocklistIn(Schema):
    csv: str = Field(
        description="Mastodon's blocklist CSV (#domain,#severity,...) or one domain a line"
    )


class BlocklistOut(Schema):
    blocked: int
    problems: list[str]


class RemoteNoteCommentOut(Schema):
    """A comment under a remote note here: a local person's (`kind` "local", with `author_id`),
    or a reply from elsewhere that reached this server (`kind` "remote")."""

    kind: str
    id: int
    author_name: str
    author_address: str = Field(description="@name@server; '' for a local person")
    author_url: str
    author_id: int | None = None
    body: str = Field(description="Plain text (local) or sanitised HTML (remote)")
    language: str
    created_at: datetime
    held: bool = Field(False, description="Held for review: only its author sees it")


class RemoteNoteCommentIn(Schema):
    body: str = Field(description="1–1,000 characters")
