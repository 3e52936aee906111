"""REST operations of federation (mounted under /api/v1 by crossnote.api.api): look someone up on
another server, follow them, read and like their notes, and (staff) block domains."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Status

from crossnote.accounts.auth import OPTIONAL, REQUIRED
from crossnote.core.errors import NotAuthenticated, NotFound, PermissionDenied
from crossnote.core.pagination import paginate
from crossnote.federation import replies, selectors, services
from crossnote.federation.models import (
    DomainBlock,
    LocalReply,
    RemoteActor,
    RemoteFollow,
    RemoteNote,
)
from crossnote.federation.schemas import (
    BlockedOut,
    BlocklistIn,
    BlocklistOut,
    DomainBlockIn,
    DomainBlockOut,
    FollowStateOut,
    LikedOut,
    LookupIn,
    RemoteActorOut,
    RemoteNoteCommentIn,
    RemoteNoteCommentOut,
    RemoteNotePage,
    RemoteTranslationOut,
)
from crossnote.security.ratelimits import ALL_METHODS, rate_limit

router = Router(tags=["federation"])


def _actor(actor_id: int) -> RemoteActor:
    services.require_enabled()
    actor = get_object_or_404(RemoteActor, pk=actor_id)
    if services.is_blocked(actor.domain):
        raise NotFound(_("No such person."))
    return actor


def _note(note_id: int) -> RemoteNote:
    services.require_enabled()
    note = get_object_or_404(RemoteNote.objects.select_related("actor"), pk=note_id)
    if services.is_blocked(note.actor.domain) or note.moderation in selectors.HIDDEN_ACTIONS:
        raise NotFound(_("No such note."))
    return note


def _out(actor: RemoteActor, user) -> dict:
    follow = (
        RemoteFollow.objects.filter(user=user, actor=actor).first()
        if user.is_authenticated
        else None
    )
    return {
        **{
            f: getattr(actor, f)
            for f in (
                "id",
                "uri",
                "address",
                "username",
                "name",
                "summary",
                "url",
                "icon_url",
                "avatar_url",
                "languages",
            )
        },
        "follow_state": follow.state if follow else None,
        "followers_here": actor.local_followers.count(),
    }


@router.post("/federation/lookup", response=RemoteActorOut, auth=REQUIRED)
@rate_limit("follow")
def lookup(request, payload: LookupIn):
    """Find someone on another server by their address (WebFinger) and keep their profile."""
    return _out(services.lookup_address(payload.address), request.user)


@router.get("/federation/actors/{actor_id}", response=RemoteActorOut, auth=OPTIONAL)
def get_actor(request, actor_id: int):
    return _out(_actor(actor_id), request.user)


@router.get("/federation/actors/{actor_id}/notes", response=RemoteNotePage, auth=OPTIONAL)
def actor_notes(request, actor_id: int, cursor: str | None = None, limit: int = 20):
    """The remote person's notes that reached this server, newest first."""
    page = paginate(selectors.notes_of(_actor(actor_id)).order_by("-created_at"), cursor, limit)
    liked = (
        set(selectors.liked_note_ids(request.user, [n.pk for n in page.items]))
        if request.user.is_authenticated
        else set()
    )
    for note in page.items:
        note.liked = note.pk in liked
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.post("/federation/actors/{actor_id}/follow", response=FollowStateOut, auth=REQUIRED)
@rate_limit("follow")
def follow(request, actor_id: int):
    """Send a Follow; the state is pending until their server accepts."""
    made = services.follow_remote(user=request.user, actor=_actor(actor_id))
    return {"following": True, "state": made.state}


@router.delete("/federation/actors/{actor_id}/follow", response=FollowStateOut, auth=REQUIRED)
def unfollow(request, actor_id: int):
    services.unfollow_remote(user=request.user, actor=_actor(actor_id))
    return {"following": False, "state": None}


@router.post("/federation/actors/{actor_id}/block", response=BlockedOut, auth=REQUIRED)
@rate_limit("follow")
def block_person(request, actor_id: int):
    """Block a person elsewhere: neither follows the other any more, their follow requests are
    rejected, and their server is told (Block). Blocking twice changes nothing."""
    services.block_remote(user=request.user, actor=_actor(actor_id))
    return {"blocked": True}


@router.delete("/federation/actors/{actor_id}/block", response=BlockedOut, auth=REQUIRED)
def unblock_person(request, actor_id: int):
    """Lift the block (their server is told: Undo(Block)); the follows it ended stay ended."""
    services.unblock_remote(user=request.user, actor=_actor(actor_id))
    return {"blocked": False}


def _liked(note: RemoteNote, liked: bool) -> dict:
    note.refresh_from_db(fields=["like_count"])
    return {"liked": liked, "like_count": note.like_count}


@router.post("/federation/notes/{note_id}/like", response=LikedOut, auth=REQUIRED)
def like(request, note_id: int):
    note = _note(note_id)
    services.like_remote_note(user=request.user, note=note)
    return _liked(note, True)


@router.delete("/federation/notes/{note_id}/like", response=LikedOut, auth=REQUIRED)
def unlike(request, note_id: int):
    note = _note(note_id)
    services.unlike_remote_note(user=request.user, note=note)
    return _liked(note, False)


@router.get("/federation/notes/{note_id}/translation", response=RemoteTranslationOut, auth=OPTIONAL)
@rate_limit("translate", methods=ALL_METHODS)
def translation(request, note_id: int, target: str | None = None):
    """The remote note in `target` (default: the caller's language), through the same
    translation cache and backends as local notes."""
    from crossnote.language.services import TranslationUnavailable, normalise_target, translate_text

    note = _note(note_id)
    target = normalise_target(target or get_language() or "en")
    try:
        result = translate_text(note.text, target, source=note.language or None)
    except TranslationUnavailable:  # no engine for this pair now: the text as it is
        return {"text": note.text, "source": note.language, "target": target, "backend": "none"}
    return {
        "text": result.text,
        "source": result.source,
        "target": result.target,
        "backend": result.backend,
    }


def _comment_out(kind: str, row) -> dict:
    if kind == "local":
        return {
            "kind": kind,
            "id": row.pk,
            "author_name": row.author.name,
            "author_address": "",
            "author_url": row.author.get_absolute_url(),
            "author_id": row.author_id,
            "body": row.body,
            "language": row.language,
            "created_at": row.created_at,
            "held": row.moderation in replies.HIDDEN_ACTIONS,
        }
    return {
        "kind": kind,
        "id": row.pk,
        "author_name": row.actor.name or row.actor.username,
        "author_address": row.actor.address,
        "author_url": reverse("federation:remote_person", kwargs={"pk": row.actor_id}),
        "body": row.content,
        "language": row.language,
        "created_at": row.published,
    }


@router.get(
    "/federation/notes/{note_id}/comments", response=list[RemoteNoteCommentOut], auth=OPTIONAL
)
def note_comments(request, note_id: int):
    """A remote note's comments here, oldest first: local people's and replies from elsewhere."""
    return [
        _comment_out(kind, row) for kind, row in replies.thread_of(_note(note_id), request.user)
    ]


@router.post(
    "/federation/notes/{note_id}/comments", response={201: RemoteNoteCommentOut}, auth=REQUIRED
)
@rate_limit("comment")
def comment_on_note(request, note_id: int, payload: RemoteNoteCommentIn):
    """Comment on a remote note: screened like a local comment, shown here, and sent to its
    author's server as a reply (not sent while held for review). 400: empty or too long;
    403: their server or they are blocked."""
    made = replies.comment_on_remote_note(
        author=request.user, note=_note(note_id), body=payload.body
    )
    return Status(201, _comment_out("local", made))


@router.delete("/federation/replies/{reply_id}", response={204: None}, auth=REQUIRED)
def delete_reply(request, reply_id: int):
    """Delete your comment on a remote note (a Delete goes where it went). 403: not yours."""
    services.require_enabled()
    found = get_object_or_404(LocalReply.objects.select_related("note__actor"), pk=reply_id)
    replies.delete_local_reply(user=request.user, reply=found)
    return Status(204, None)


def _staff(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    if not request.user.is_staff:
        raise PermissionDenied()


@router.get("/federation/domain-blocks", response=list[DomainBlockOut], auth=REQUIRED)
def domain_blocks(request):
    """Servers this one refuses (staff)."""
    _staff(request)
    return list(DomainBlock.objects.all())


@router.post("/federation/domain-blocks", response={201: DomainBlockOut}, auth=REQUIRED)
def block(request, payload: DomainBlockIn):
    """Block a server: its activities are refused and its content hidden (staff)."""
    _staff(request)
    return Status(201, services.block_domain(**payload.dict()))


@router.post("/federation/domain-blocks/import", response=BlocklistOut, auth=REQUIRED)
def import_blocks(request, payload: BlocklistIn):
    """Import a blocklist in the common CSV format (#domain,#severity,...) (staff)."""
    _staff(request)
    blocked, problems = services.import_blocklist(payload.csv)
    return {"blocked": blocked, "problems": problems}


@router.delete("/federation/domain-blocks/{domain}", response={204: None}, auth=REQUIRED)
def unblock(request, domain: str):
    _staff(request)
    if not services.unblock_domain(domain=domain):
        raise NotFound(_("That server is not blocked."))
    return Status(204, None)
