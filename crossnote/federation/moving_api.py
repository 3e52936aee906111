"""REST operations for account moves (crossnote.federation.moving): a person's aliases (old
accounts elsewhere that may move here) and moving this account to one elsewhere; and reporting a
remote note to its server's moderators (crossnote.federation.flags)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from crossnote.accounts.auth import REQUIRED
from crossnote.core.errors import NotFound
from crossnote.federation import activities, flags, moving, selectors, services
from crossnote.federation.models import RemoteNote
from crossnote.security.ratelimits import rate_limit

router = Router(tags=["federation"])


class AliasIn(Schema):
    address: str = Field(description="Your old account: @name@server.example, or its actor URL")


class AliasOut(Schema):
    id: int
    uri: str
    address: str
    created_at: datetime


class MoveIn(Schema):
    address: str = Field(description="Your new account: @name@server.example, or its actor URL")
    password: str = Field(description="Your current password here, to confirm")


class CancelIn(Schema):
    password: str = Field(description="Your current password here, to confirm")


class MoveOut(Schema):
    target_uri: str
    target_address: str
    local_followers: int = Field(description="People here now following the new account")
    remote_followers: int = Field(description="Servers of remote followers told (Move sent)")
    created_at: datetime


class MovesOut(Schema):
    handle: str = Field(description="This account's address, to name as an alias elsewhere")
    actor: str = Field(description="This account's actor URL")
    aliases: list[AliasOut]
    moved_to: MoveOut | None = Field(None, description="Set once this account moved away")


@router.get("/federation/moves", response=MovesOut, auth=REQUIRED)
def moves(request):
    """Your aliases (old accounts elsewhere) and, if you moved away, where to."""
    services.require_enabled()
    user = request.user
    return {
        "handle": f"@{user.username}@{activities.domain()}",
        "actor": activities.actor_uri(user),
        "aliases": list(moving.aliases_of(user)),
        "moved_to": moving.current_move(user),
    }


@router.post("/federation/moves/aliases", response={201: AliasOut}, auth=REQUIRED)
@rate_limit("follow")
def add_alias(request, payload: AliasIn):
    """Name an old account elsewhere as yours (`alsoKnownAs`), so it can move here."""
    return Status(201, moving.add_alias(user=request.user, address=payload.address))


@router.delete("/federation/moves/aliases/{alias_id}", response={204: None}, auth=REQUIRED)
def remove_alias(request, alias_id: int):
    """Forget an alias: that account can no longer move here."""
    services.require_enabled()
    if not moving.forget_alias(user=request.user, alias_id=alias_id):
        raise NotFound(_("No such alias."))
    return Status(204, None)


@router.post("/federation/moves", response={201: MoveOut}, auth=REQUIRED)
@rate_limit("follow")
def move(request, payload: MoveIn):
    """Move this account to one elsewhere that already names it as an alias: your followers
    follow the new account, and you can no longer post here (your notes stay)."""
    return Status(
        201,
        moving.move_account(user=request.user, address=payload.address, password=payload.password),
    )


@router.post("/federation/moves/cancel", response=MoveOut, auth=REQUIRED)
@rate_limit("follow")
def cancel_move(request, payload: CancelIn):
    """Cancel the redirect: your profile no longer points to the new account and you can post
    here again; followers who moved stay with the new account (Mastodon's "cancel redirect")."""
    return moving.cancel_move(user=request.user, password=payload.password)


class RemoteReportIn(Schema):
    comment: str = Field("", max_length=1000, description="What is wrong with it (optional)")


class RemoteReportOut(Schema):
    sent_to: str = Field(description="The server whose moderators get the report")


@router.post("/federation/notes/{note_id}/report", response={202: RemoteReportOut}, auth=REQUIRED)
@rate_limit("report")
def report_note(request, note_id: int, payload: RemoteReportIn):
    """Report a note from elsewhere to its server's moderators: a Flag sent from this server's
    instance actor (your name is not sent; this server's audit log keeps that you sent it)."""
    services.require_enabled()
    note = get_object_or_404(RemoteNote.objects.select_related("actor"), pk=note_id)
    if services.is_blocked(note.actor.domain) or note.moderation in selectors.HIDDEN_ACTIONS:
        raise NotFound(_("No such note."))
    domain = flags.report_remote_note(reporter=request.user, note=note, comment=payload.comment)
    return Status(202, {"sent_to": domain})
