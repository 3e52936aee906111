"""API shapes for notes, comments, likes and boards."""

from datetime import datetime

from ninja import Schema
from pydantic import Field, StrictBool

from crossnote.accounts.schemas import UserBrief
from crossnote.notes.models import ModerationState, Visibility
from crossnote.notes.policies import is_gone
from crossnote.notes.templatetags.notes import warning_text

CONTENT_WARNING = (
    "null: not labelled. Otherwise moderation labelled it: show it collapsed behind this "
    "warning, in the reader's language (the request's language: the language cookie, else "
    "Accept-Language), as the web pages do. Given to its author too (the pages do not cover "
    "an author's own note or comment)."
)


def content_warning(moderation: str, stored: str) -> str | None:
    """A labelled note's or comment's warning in the reader's (the active) language, as the
    pages show it (notes' `warning_text`); None when it is not labelled. Cards keep only the
    stored label and call this per reader (crossnote.feeds.cards)."""
    if moderation != ModerationState.LABELLED:
        return None
    return warning_text(stored)


class ImageOut(Schema):
    thumb_url: str
    thumb_width: int
    thumb_height: int
    large_url: str
    large_width: int
    large_height: int
    blurhash: str
    alt_text: str

    @staticmethod
    def resolve_thumb_url(obj):
        return obj.thumb.url

    @staticmethod
    def resolve_large_url(obj):
        return obj.large.url


class VideoOut(Schema):
    state: str = Field(description="processing, ready or failed")
    progress: int = Field(description="Percent transcoded (100 when ready)")
    error: str = Field(description="Why it failed (failed only)")
    duration: float = Field(description="Seconds")
    width: int
    height: int
    url: str | None = Field(
        description="H.264/AAC MP4 with fast start, at most 720p (ready only); range requests work"
    )
    small_url: str | None = Field(description="The same at most 360p (ready only)")
    small_width: int
    small_height: int
    poster_url: str | None = Field(description="The poster frame (WebP): the note's first image")

    @staticmethod
    def resolve_url(obj):
        return obj.mp4.url if obj.mp4 else None

    @staticmethod
    def resolve_small_url(obj):
        return obj.small.url if obj.small else None

    @staticmethod
    def resolve_poster_url(obj):
        cover = obj.note.cover
        return cover.large.url if cover else None


class NoteOut(Schema):
    id: int
    url: str
    title: str
    body: str
    visibility: str
    author: UserBrief
    images: list[ImageOut] = Field(description="1–9 photos; a video note: its poster frame")
    video: VideoOut | None = Field(None, description="A video note's video (else null)")
    topics: list[str]
    like_count: int
    collect_count: int
    comment_count: int
    liked: bool = False
    collected: bool = False
    content_warning: str | None = Field(None, description=CONTENT_WARNING)
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_content_warning(obj):
        return content_warning(obj.moderation, obj.content_warning)

    @staticmethod
    def resolve_images(obj):
        return list(obj.images.all())

    @staticmethod
    def resolve_video(obj):
        if obj.video_duration is None:
            return None
        from crossnote.notes.models import NoteVideo

        return NoteVideo.objects.filter(note=obj).select_related("note").first()

    @staticmethod
    def resolve_topics(obj):
        # Sorted: a many-to-many has no order of its own, and databases differ.
        return sorted(t.name for t in obj.topics.all())


class NotePage(Schema):
    items: list[NoteOut]
    next_cursor: str | None


class NoteForm(Schema):
    title: str = Field(description="1–100 characters")
    body: str = Field("", description="Up to 2,000 characters; #topics and @mentions are read")
    topics: list[str] = Field(default_factory=list, description="Picked topics, without '#'")
    visibility: Visibility = Visibility.PUBLIC
    alt_texts: list[str] = Field(
        default_factory=list, description="A description of each image, in order (≤ 300 each)"
    )


class NotePatch(Schema):
    title: str | None = None
    body: str | None = None
    topics: list[str] | None = None
    visibility: Visibility | None = None


class ReplyOut(Schema):
    id: int
    author: UserBrief | None = Field(
        description="None: a deleted account's comment, kept only so the replies under it keep "
        "their thread (body is then empty)"
    )
    author_deleted: bool = Field(False, description="True: shown as “deleted account”")
    body: str
    parent_id: int | None
    reply_to: str | None
    like_count: int
    liked: bool = False
    content_warning: str | None = Field(None, description=CONTENT_WARNING)
    created_at: datetime

    @staticmethod
    def resolve_author(obj):
        return None if is_gone(obj.author) else obj.author

    @staticmethod
    def resolve_author_deleted(obj):
        return is_gone(obj.author)

    @staticmethod
    def resolve_body(obj):
        return "" if is_gone(obj.author) else obj.body

    @staticmethod
    def resolve_content_warning(obj):
        if is_gone(obj.author):  # nothing left behind a warning
            return None
        return content_warning(obj.moderation, obj.content_warning)

    @staticmethod
    def resolve_reply_to(obj):
        if not obj.reply_to_id or is_gone(obj.reply_to):
            return None
        return obj.reply_to.username


class CommentOut(ReplyOut):
    replies: list[ReplyOut] = Field(default_factory=list)

    @staticmethod
    def resolve_replies(obj):
        return list(obj.replies.all()) if obj.parent_id is None else []


class ElsewhereCommentOut(Schema):
    """A reply from someone on another server (ActivityPub), shown among the comments."""

    id: int = Field(description="The remote note's id (GET /federation/notes/{id}/translation)")
    uri: str
    url: str
    author_name: str
    author_address: str = Field(description="@name@server")
    author_url: str = Field(description="Their profile on this server")
    avatar_url: str
    content: str = Field(description="Sanitised HTML")
    text: str
    language: str
    summary: str = Field(description="Content warning")
    created_at: datetime
    reply_to_comment_id: int | None = Field(None, description="The local comment it answers")
    reply_to_name: str


class CommentPage(Schema):
    items: list[CommentOut]
    next_cursor: str | None
    elsewhere: list[ElsewhereCommentOut] = Field(
        default_factory=list,
        description="Replies from people on other servers, oldest first (first page only)",
    )


class CommentIn(Schema):
    body: str = Field(description="1–1,000 characters")
    parent_id: int | None = Field(None, description="Reply to this comment")


class LikeOut(Schema):
    liked: bool
    like_count: int


class CollectIn(Schema):
    board_id: int | None = Field(None, description="Omit to use your default board")
    new_board: str | None = Field(
        None, max_length=50, description="Make a board with this name and save the note there"
    )


class CollectOut(Schema):
    collected: bool
    collect_count: int


class BoardOut(Schema):
    id: int
    name: str
    name_language: str  # detected: an ISO 639-1 code, "mixed", "und", or "" (the default board)
    is_private: bool
    owner: str
    created_at: datetime

    @staticmethod
    def resolve_owner(obj):
        return obj.owner.username


class TopicOut(Schema):
    name: str
    canonical: str = Field(description="The name standing for the subject (itself if unlinked)")
    names: list[str] = Field(description="Every name of the subject, the canonical one first")
    note_count: int = Field(description="Notes anyone may read, under all the names")


class BoardIn(Schema):
    name: str
    is_private: StrictBool = False
