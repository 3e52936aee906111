"""REST operations for account moves (crossnote.federation.moving): a person's aliases (old
accounts elsewhere that may move here) and moving this account to one elsewhere."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from crossnote.accounts.auth import REQUIRED
from crossnote.core.errors import NotFound
from crossnote.federation import activities, moving, services
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
