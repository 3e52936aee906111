"""Replies as comments, both ways (Mastodon's and Pixelfed's shape: a reply is a `Note` with
`inReplyTo`).

In: a remote reply to a local note, or to one of its comments (`/ap/comments/<id>`), is kept as a
RemoteNote linked to that note, screened by the moderation pipeline like any remote note, counted
in the note's comments and shown among them (COMMENTS_ELSEWHERE), and the note's author is told.
A reply from someone the author blocked, to a private note, or where the author lets nobody (or
only followers) comment, is dropped.

Out: a local person's comment on a remote note (LocalReply, `/ap/replies/<id>`) goes to the remote
author's inbox and the commenter's followers elsewhere; a comment on a local note goes to the
note author's followers elsewhere (and to the servers of people elsewhere who replied under it),
so readers there see the thread.
"""

import html
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput, PermissionDenied
from crossnote.federation import activities, services
from crossnote.federation.models import (
    DomainBlock,
    LocalReply,
    RemoteBlock,
    RemoteFollower,
    RemoteNote,
)

log = logging.getLogger(__name__)

HIDDEN_ACTIONS = ("hold", "remove")  # as crossnote.federation.selectors
REPLY_MAX = 1000  # as a local comment (notes.models.COMMENT_MAX)


# --- addresses -------------------------------------------------------------------------------


def comment_uri(comment_id: int) -> str:
    return activities.absolute(reverse("federation:comment", kwargs={"pk": comment_id}))


def reply_uri(reply_id: int) -> str:
    return activities.absolute(reverse("federation:reply", kwargs={"pk": reply_id}))


def _local_id(uri: str, route: str) -> int | None:
    prefix = activities.absolute(f"/ap/{route}/")
    rest = uri[len(prefix) :] if uri.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else None


def reply_target(uri: str):
    """(note, comment) a reply's `inReplyTo` names here: a local note, or a local comment and its
    note; (None, None) when it names nothing of ours."""
    from crossnote.notes.models import Comment, Note

    note_id = activities.local_note_id(uri or "")
    if note_id is not None:
        return Note.objects.select_related("author").filter(pk=note_id).first(), None
    comment_id = _local_id(uri or "", "comments")
    if comment_id is not None:
        comment = Comment.objects.select_related("note__author").filter(pk=comment_id).first()
        if comment is not None:
            return comment.note, comment
    return None, None


def answers_local(note_doc: dict) -> bool:
    """Whether a remote Note is a reply to a local note or comment."""
    target = note_doc.get("inReplyTo")
    if isinstance(target, dict):
        target = target.get("id")
    return isinstance(target, str) and (
        activities.local_note_id(target) is not None
        or _local_id(target, "comments") is not None
        or _local_id(target, "replies") is not None
    )


def answers_known(note_doc: dict) -> bool:
    """Whether a remote Note replies to a remote note kept here (shown in its thread here)."""
    target = note_doc.get("inReplyTo")
    if isinstance(target, dict):
        target = target.get("id")
    return isinstance(target, str) and RemoteNote.objects.filter(uri=target[:500]).exists()


# --- in: a reply from elsewhere to a local note ---------------------------------------------


def _may_reply(sender, note) -> str:
    """Why `sender` may not reply under `note` ("" when they may)."""
    from crossnote.accounts.models import CommentPermission

    if note.visibility not in activities.FEDERATED_VISIBILITIES:
        return "the note is private"
    if note.moderation in activities.HIDDEN_MODERATION or not note.author.is_active:
        return "the note is not shown"
    if RemoteBlock.objects.filter(user=note.author, actor=sender).exists():
        return "the note's author blocked the sender"
    permission = note.author.comment_permission
    if permission == CommentPermission.NOBODY:
        return "the note's author lets nobody comment"
    if (
        permission == CommentPermission.FOLLOWERS
        and not RemoteFollower.objects.filter(user=note.author, actor=sender).exists()
    ):
        return "the note's author lets only followers comment"
    if note.visibility == "followers" and not (
        RemoteFollower.objects.filter(user=note.author, actor=sender).exists()
    ):
        return "the note is for followers only"
    return ""


def store_reply(sender, note_doc: dict, fields: dict) -> str:
    """Keep a remote reply to a local note (fields already parsed and screened by the inbox) and
    tell the note's author; the outcome as the inbox logs it."""
    answered = _local_id(fields["in_reply_to"], "replies")
    if answered is not None:  # an answer to a local person's comment on a remote note
        return _store_answer(sender, note_doc, fields, answered)
    note, comment = reply_target(fields["in_reply_to"])
    if note is None:
        return "ignored: the reply answers nothing here"
    refusal = _may_reply(sender, note)
    if refusal:
        return f"ignored: {refusal}"
    uri = note_doc["id"][:500]
    existing = RemoteNote.objects.filter(uri=uri).first()
    if existing is not None and existing.actor_id != sender.pk:
        return "ignored: the note belongs to someone else"
    reply, created = RemoteNote.objects.update_or_create(
        uri=uri, defaults={**fields, "reply_to_note": note, "reply_to_comment": comment}
    )
    recount(note.pk)
    if created and reply.moderation not in HIDDEN_ACTIONS:
        _notify(note, comment)
    return "reply stored"


def _store_answer(sender, note_doc: dict, fields: dict, reply_id: int) -> str:
    """A reply to a local person's comment on a remote note joins that note's thread here
    (unless its author blocked the sender)."""
    reply = LocalReply.objects.filter(pk=reply_id).first()
    if reply is None:
        return "ignored: the reply answers nothing here"
    if RemoteBlock.objects.filter(user_id=reply.author_id, actor=sender).exists():
        return "ignored: the comment's author blocked the sender"
    uri = note_doc["id"][:500]
    existing = RemoteNote.objects.filter(uri=uri).first()
    if existing is not None and existing.actor_id != sender.pk:
        return "ignored: the note belongs to someone else"
    RemoteNote.objects.update_or_create(uri=uri, defaults=fields)
    return "reply to a comment stored"


def _notify(note, comment) -> None:
    """The note's author (and the local comment's author) hear that someone elsewhere replied:
    a notification without a local actor, told apart by its verb's wording on their page."""
    from crossnote.social.models import Notification
    from crossnote.social.services import notify

    notify(recipient=note.author, actor=None, verb=Notification.Verb.COMMENT, note=note)
    if comment is not None and comment.author_id != note.author_id:
        notify(recipient=comment.author, actor=None, verb=Notification.Verb.REPLY, note=note)


def recount(note_id: int | None) -> None:
    """The note's "N comments" again (local comments plus replies from elsewhere)."""
    from crossnote.notes.services import recount_comments

    if note_id is not None:
        recount_comments(note_id)


@contextmanager
def recounting(rows: QuerySet):
    """Around a change to these remote notes (an update, a deletion, their author leaving): the
    local notes they answer are recounted after it."""
    note_ids = set(
        rows.exclude(reply_to_note=None).values_list("reply_to_note_id", flat=True).distinct()
    )
    yield
    for note_id in note_ids:
        recount(note_id)


def _shown(rows: QuerySet) -> QuerySet:
    return rows.exclude(moderation__in=HIDDEN_ACTIONS).exclude(
        actor__domain__in=DomainBlock.objects.values("domain")
    )


def _shown_under(note_id: int, blocked: QuerySet) -> QuerySet:
    return _shown(RemoteNote.objects.filter(reply_to_note_id=note_id)).exclude(actor_id__in=blocked)


def replies_to_note(note) -> QuerySet:
    """Replies from elsewhere under a local note that its readers see: not held or removed, not
    from a blocked server or from someone its author blocked; oldest first."""
    blocked = RemoteBlock.objects.filter(user_id=note.author_id).values("actor_id")
    return (
        _shown_under(note.pk, blocked)
        .select_related("actor", "reply_to_comment__author")
        .order_by("published", "pk")
    )


def count_replies(note_id: int) -> int:
    """How many of those a note's readers see: one query (the note's author joined in it), as
    it runs on every comment's recount."""
    blocked = RemoteBlock.objects.filter(user__notes__pk=note_id).values("actor_id")
    return _shown_under(note_id, blocked).count()


@dataclass
class ElsewhereComment:
    """A reply from elsewhere as the note's comments section shows it (page and API)."""

    id: int
    uri: str
    url: str
    author_name: str
    author_address: str
    author_url: str  # their profile here (/elsewhere/people/<id>/)
    avatar_url: str  # our copy (crossnote.federation.avatars), never their server's address
    content: str  # sanitised HTML
    text: str
    language: str
    summary: str  # content warning
    created_at: datetime
    reply_to_comment_id: int | None
    reply_to_name: str
    translate_url: str
    template: str = "federation/_elsewhere_comment.html"

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("template", "translate_url")}


def as_comment(reply: RemoteNote) -> ElsewhereComment:
    actor = reply.actor
    target = reply.reply_to_comment
    return ElsewhereComment(
        id=reply.pk,
        uri=reply.uri,
        url=reply.url,
        author_name=actor.name or actor.username,
        author_address=actor.address,
        author_url=reverse("federation:remote_person", kwargs={"pk": actor.pk}),
        avatar_url=actor.avatar_url,
        content=reply.content,
        text=reply.text,
        language=(reply.language or "").split("-")[0],
        summary=reply.summary,
        created_at=reply.published,
        reply_to_comment_id=target.pk if target is not None else None,
        reply_to_name=target.author.name if target is not None else "",
        translate_url=reverse("federation:note_translation", kwargs={"pk": reply.pk}),
    )


def comments_elsewhere(note, viewer) -> list[ElsewhereComment]:
    """The note's replies from elsewhere, for a reader who may see the note (notes decided)."""
    if not activities.enabled() and not RemoteNote.objects.filter(reply_to_note=note).exists():
        return []
    return [as_comment(r) for r in replies_to_note(note)[:200]]


# --- out: local comments as replies ---------------------------------------------------------


def _paragraphs(text: str) -> str:
    return "".join(
        "<p>" + html.escape(block).replace("\n", "<br>") + "</p>"
        for block in (text or "").split("\n\n")
        if block.strip()
    )


def _note_doc(*, uri, author, in_reply_to, body, language, published, to, cc, tag=()) -> dict:
    content = _paragraphs(body)
    doc = {
        "id": uri,
        "type": "Note",
        "attributedTo": activities.actor_uri(author),
        "inReplyTo": in_reply_to,
        "to": to,
        "cc": cc,
        "published": published.isoformat().replace("+00:00", "Z"),
        "content": content,
        "sensitive": False,
        "summary": None,
        "attachment": [],
        "tag": list(tag),
    }
    if language and language not in ("mixed", "und"):
        doc["contentMap"] = {language: content}
    return doc


def comment_object(comment) -> dict:
    """A local comment as a `Note` replying to its note (or to the comment it answers)."""
    author = activities.actor_uri(comment.author)
    parent = comment.parent_id
    public = comment.note.visibility == "public"
    return _note_doc(
        uri=comment_uri(comment.pk),
        author=comment.author,
        in_reply_to=comment_uri(parent) if parent else activities.note_uri(comment.note_id),
        body=comment.body,
        language=comment.language,
        published=comment.created_at,
        to=[activities.AS_PUBLIC] if public else [f"{author}/followers"],
        cc=[f"{author}/followers", activities.actor_uri(comment.note.author)]
        if public
        else [activities.actor_uri(comment.note.author)],
    )


def reply_object(reply: LocalReply) -> dict:
    """A local person's comment on a remote note, as Mastodon sends a reply: public, the
    remote author mentioned (their server notifies them) and in `cc` with our followers."""
    remote = reply.note.actor
    author = activities.actor_uri(reply.author)
    return _note_doc(
        uri=reply_uri(reply.pk),
        author=reply.author,
        in_reply_to=reply.note.uri,
        body=reply.body,
        language=reply.language,
        published=reply.created_at,
        to=[activities.AS_PUBLIC],
        cc=[remote.uri, f"{author}/followers"],
        tag=[{"type": "Mention", "href": remote.uri, "name": remote.address}],
    )


def federated_comment(comment_id: int):
    """The local comment if it may leave the server: on a public or followers-only note that
    is shown, by an active author, not held or removed."""
    from crossnote.notes.models import Comment
    from crossnote.notes.policies import HIDDEN_STATES

    comment = Comment.objects.select_related("author", "note__author").filter(pk=comment_id).first()
    if comment is None or not comment.author.is_active:
        return None
    note = comment.note
    if comment.moderation in HIDDEN_STATES or note.moderation in activities.HIDDEN_MODERATION:
        return None
    if note.visibility not in activities.FEDERATED_VISIBILITIES or not note.author.is_active:
        return None
    return comment


def comment_inboxes(comment) -> list[str]:
    """Where a local comment goes: the note author's followers elsewhere and the people
    elsewhere already in the thread (one inbox per server)."""
    inboxes = set(services.follower_inboxes(comment.note.author))
    repliers = _shown(RemoteNote.objects.filter(reply_to_note_id=comment.note_id)).select_related(
        "actor"
    )
    inboxes |= {r.actor.delivery_inbox for r in repliers[:200]}
    return sorted(i for i in inboxes if not services.is_blocked(services.domain_of(i)))


def comment_on_remote_note(*, author, note: RemoteNote, body: str) -> LocalReply:
    """Comment on a remote note: screened like a local comment, kept, and (unless held) sent to
    the note's author and the commenter's followers elsewhere, signed."""
    from crossnote.language.detection import detection_fields
    from crossnote.moderation.selectors import screen_text

    services.require_enabled()
    if services.is_blocked(note.actor.domain) or note.moderation in HIDDEN_ACTIONS:
        raise PermissionDenied(_("You cannot comment on this note."))
    if RemoteBlock.objects.filter(user=author, actor=note.actor).exists():
        raise PermissionDenied(_("You blocked its author."))
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write something first."), field="body")
    if len(body) > REPLY_MAX:
        raise InvalidInput(
            _("The comment is %(n)d characters; at most %(max)d.")
            % {"n": len(body), "max": REPLY_MAX},
            field="body",
        )
    language = detection_fields(body)["language"]
    _signals, verdict = screen_text(body, kind="comment", language=language, author=author)
    with transaction.atomic():
        reply = LocalReply.objects.create(
            author=author,
            note=note,
            body=body,
            language=language[:16],
            moderation=verdict.action,
            moderation_category=verdict.category[:50],
        )
        if verdict.action not in HIDDEN_ACTIONS:
            from crossnote.core.tasks import enqueue
            from crossnote.federation import tasks

            enqueue(tasks.federate_reply, reply.pk)
    return reply


def delete_local_reply(*, user, reply: LocalReply) -> None:
    """Its author takes a comment on a remote note back: a Delete goes where the reply went."""
    if reply.author_id != user.pk:
        raise PermissionDenied(_("You may not delete this comment."))
    from crossnote.core.tasks import enqueue
    from crossnote.federation import tasks

    sent = reply.moderation not in HIDDEN_ACTIONS
    inboxes = reply_inboxes(reply) if sent else []
    tombstone = {"id": reply_uri(reply.pk), "type": "Tombstone"}
    activity = activities.wrap(user, "Delete", tombstone, to=[activities.AS_PUBLIC], cc=[])
    with transaction.atomic():
        reply.delete()
        for inbox in inboxes:
            enqueue(tasks.deliver, user.pk, inbox, activity)


def reply_inboxes(reply: LocalReply) -> list[str]:
    remote = reply.note.actor
    inboxes = {remote.inbox, *services.follower_inboxes(reply.author)}
    return sorted(i for i in inboxes if not services.is_blocked(services.domain_of(i)))


def thread_of(note: RemoteNote, viewer) -> list:
    """A remote note's comments here, oldest first: local people's (LocalReply; held ones only
    for their author) and replies from elsewhere that reached this server."""
    local = LocalReply.objects.filter(note=note).select_related("author")
    local = local.filter(author__is_active=True)
    if getattr(viewer, "is_authenticated", False):
        from django.db.models import Q

        local = local.filter(~Q(moderation__in=HIDDEN_ACTIONS) | Q(author=viewer))
    else:
        local = local.exclude(moderation__in=HIDDEN_ACTIONS)
    mine = list(local[:200])
    # Replies from elsewhere to the note, or to a local person's comment on it.
    answered = [note.uri, *(reply_uri(r.pk) for r in mine)]
    remote = _shown(RemoteNote.objects.filter(in_reply_to__in=answered)).select_related("actor")
    rows = [(r.created_at, "local", r) for r in mine]
    rows += [(r.published, "remote", r) for r in remote[:200]]
    return [(kind, row) for _at, kind, row in sorted(rows, key=lambda item: item[0])]
