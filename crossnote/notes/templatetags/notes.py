"""Note text on pages: escape everything, then link #topics and @mentions."""

import re

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from crossnote.core.timefmt import relative_moment
from crossnote.notes.text import MENTION_RE, TOPIC_RE

register = template.Library()


@register.filter
def note_text(text: str) -> str:
    """Escaped text with #topic and @handle links and kept line breaks."""
    escaped = escape(text or "")

    def topic(match: re.Match) -> str:
        name = match.group(1)
        url = reverse("notes:topic", kwargs={"name": name.casefold()})
        return f'<a class="tag" href="{url}">{match.group(0)}</a>'

    def mention(match: re.Match) -> str:
        handle = match.group(1)
        url = reverse("accounts:profile", kwargs={"username": handle})
        return f'<a class="mention" href="{url}">@{handle}</a>'

    linked = TOPIC_RE.sub(topic, escaped)
    linked = MENTION_RE.sub(mention, linked)
    return mark_safe(linked.replace("\n", "<br>"))  # noqa: S308 - built from escaped text


@register.filter
def warning_text(stored: str) -> str:
    """A content warning in the reader's language: the stored text is the policy's label or the
    moderators' default, kept as written (English); one the translations know is shown
    translated ("May contain offensive language" → 可能包含冒犯性语言), any other (an operator's
    own policy text) as written; none: "Content warning"."""
    return gettext(stored) if stored else gettext("Content warning")


@register.filter
def photo_frame(image) -> str:
    """The note page's photo frame as "W / H": the first photo's shape, clamped between 3:4
    portrait and 4:3 landscape (as RedNote does), so a landscape photo is not a strip at the top
    of a tall grey box and a tall one does not run off the screen. No photo (a note without
    any: `images.0` of none is "" in a template): 3 / 4."""
    width = getattr(image, "large_width", None)
    height = getattr(image, "large_height", None)
    if not width or not height:
        return "3 / 4"
    ratio = min(max(width / height, 3 / 4), 4 / 3)
    return f"{ratio:.4f} / 1"


@register.filter
def clock(seconds) -> str:
    """A video's length as m:ss (0:07, 1:00)."""
    if seconds is None:
        return ""
    total = round(float(seconds))
    return f"{total // 60}:{total % 60:02d}"


@register.filter
def card_face_version(note) -> tuple:
    """What a feed card's picture and title depend on, for its {% fragment %}: a page's card
    version when the page read one (crossnote.feeds.pages), else the note's own fields."""
    version = getattr(note, "card_version", None)
    if version is not None:
        return version
    images = list(note.images.all())
    cover = images[0].pk if images else None
    updated = note.updated_at.isoformat()
    return (note.pk, updated, cover, len(images), note.video_duration, note.title)


@register.filter
def comment_head_version(comment) -> tuple:
    """What a comment's avatar and name line depend on, for its {% fragment %} on the note page:
    the author's name, handle and avatar, and whom a reply answers (while that account is open)."""
    author = comment.author
    answered = None
    if comment.parent_id and comment.reply_to_id:
        to = comment.reply_to
        answered = (to.pk, to.is_active, to.display_name, to.username)
    return (
        comment.pk,
        author.pk,
        author.username,
        author.display_name,
        str(author.avatar),
        answered,
    )


@register.filter
def slides_version(note) -> tuple:
    """What the note page's photo slides depend on, for their {% fragment %}: each photo's file,
    size, placeholder and alt text, and the title (the alt text's fallback)."""
    photos = tuple(
        (i.pk, str(i.large), i.large_width, i.large_height, i.blurhash, i.alt_text)
        for i in note.images.all()
    )
    return (note.pk, note.title, photos)


@register.filter
def card_author_version(note) -> tuple:
    """What a feed card's author line depends on, for its {% fragment %}."""
    version = getattr(note, "card_version", None)
    if version is not None:  # (id, updated_at, username, display name, avatar, image mark)
        return ("card", *version[2:5])
    author = note.author
    return (author.pk, author.username, author.display_name, str(author.avatar), author.is_active)


@register.simple_tag(takes_context=True)
def card_html_version(context, note) -> tuple:
    """Everything one feed card's whole HTML depends on (notes/_card.html), for its
    {% fragment %}: its picture and title and its author line (their own versions), its label,
    why it is shown, its language against the reader's and how translation is offered, the
    reader's like and the count. A card with a search hit is not kept (notes/_cards.html)."""
    why = getattr(note, "why", None)
    first = why[0] if why else None
    why_text = first.get("text") if isinstance(first, dict) else getattr(first, "text", None)
    return (
        card_face_version(note),
        card_author_version(note),
        note.pk,
        note.moderation,
        str(why_text) if why else None,
        note.language,
        tuple(context.get("viewer_languages") or ()),
        context.get("translate_target"),
        note.pk in (context.get("liked_ids") or ()),
        note.like_count,
        note.moderation == "labelled" and _is_own(context, note),  # its author sees the photo
    )


def _is_own(context, note) -> bool:
    user = getattr(context.get("request"), "user", None)
    return user is not None and user.is_authenticated and note.author_id == user.pk


def _comment_page_part(context) -> tuple:
    """What comment_version takes from the page rather than the comment (the reader's kind,
    the note's author, the path, languages and translation settings), and the moment the
    page's times are told from: worked out once a page (kept on the request, for its note)."""
    request = context.get("request")
    note = context.get("note")
    kept = getattr(request, "_comment_page_part", None)
    if kept is not None and kept[0] is note:
        return kept[1]
    user = context.get("user")
    part = (
        getattr(user, "pk", None),
        getattr(note, "author_id", None),
        bool(getattr(user, "is_authenticated", False)),
        request.path if request is not None else "",
        tuple(context.get("viewer_languages") or ()),
        context.get("auto_translate"),
        context.get("translate_target"),
        timezone.now(),
    )
    if request is not None:
        request._comment_page_part = (note, part)
    return part


@register.simple_tag(takes_context=True)
def comment_version(context, comment) -> tuple:
    """Everything one comment's HTML on the note page depends on, for its {% fragment %}: the
    comment (name line, text, label, held mark, likes, its time as shown), and of the reader
    only what the comment shows differently for them (whether they liked it, wrote it or the
    note, which languages they read and how translation is offered), never who they are: most
    readers share each comment's HTML. Its forms' CSRF tokens are the page's own."""
    user_pk, note_author, signed_in, path, languages, auto, target, now = _comment_page_part(
        context
    )
    return (
        comment_head_version(comment),
        comment.author.is_active,
        comment.parent_id,
        comment.author_id == note_author,
        comment.moderation,
        comment.content_warning,
        comment.language,
        comment.body,
        comment.created_at,
        relative_moment(comment.created_at, now),  # the time as shown, not its text
        comment.like_count,
        comment.pk in (context.get("liked_comments") or ()),
        signed_in,
        user_pk == comment.author_id,
        user_pk == note_author,
        path,
        languages,
        auto,
        target,
    )
