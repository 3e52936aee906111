"""Account moves, both ways, as Mastodon does them (its ActivityPub `Move`, `alsoKnownAs` and
`movedTo`).

Moving here: a person names their old account elsewhere as an alias (`alsoKnownAs` on their
actor here); the old server then sends `Move(object=old, target=new)` to its followers' servers,
which check that the new account lists the old one before switching their people's follows.

Moving away: the new account must already list this person's actor in its `alsoKnownAs`
(checked with a fresh, SSRF-safe fetch); then their actor gets `movedTo`, a `Move` goes to their
followers' servers, their followers here follow the new account instead, and they can no longer
post here (their notes stay), as Mastodon restricts a moved account. One move per 30 days
(Mastodon's AccountMigration cooldown).

Receiving a Move (`receive_move`, from the inbox's dispatch table): only an account can move
itself (object = actor = the signing key's owner), the target must name it in `alsoKnownAs` (a
fresh fetch, or the aliases of a person here when the target is local), and one applied Move per
account a week (Mastodon's processing cooldown); then every person here who followed the old
account follows the new one (a remote Follow, or a local follow when the target lives here) and
their old follow is undone. Refusals carry their reason and are logged by the inbox.
"""

import logging
from datetime import timedelta

from django.contrib.auth.hashers import check_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crossnote.core.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    PermissionDenied,
    RateLimited,
)
from crossnote.core.tasks import enqueue
from crossnote.federation import activities, fetch, services
from crossnote.federation.models import (
    AccountMove,
    ActorAlias,
    ReceivedMove,
    RemoteActor,
    RemoteBlock,
    RemoteFollow,
)

log = logging.getLogger(__name__)

MOVE_COOLDOWN = timedelta(days=30)  # Mastodon: AccountMigration::COOLDOWN_PERIOD
RECEIVED_COOLDOWN = timedelta(days=7)  # Mastodon: ActivityPub::Activity::Move::PROCESSING_COOLDOWN
MAX_ALIASES = 10


# --- reads -----------------------------------------------------------------------------------


def current_move(user) -> AccountMove | None:
    """The person's move away, if they moved and did not cancel the redirect (the latest)."""
    if not getattr(user, "pk", None):
        return None
    moves = AccountMove.objects.filter(user=user, cancelled_at__isnull=True)
    return moves.order_by("-created_at").first()


def aliases_of(user):
    return ActorAlias.objects.filter(user=user).order_by("created_at")


def actor_fields(user) -> dict:
    """`alsoKnownAs` and `movedTo` for the person's actor document."""
    moved = current_move(user)
    return {
        "also_known_as": [alias.uri for alias in aliases_of(user)],
        "moved_to": moved.target_uri if moved else "",
    }


def posting_refusal(user) -> str | None:
    """Why a moved person may not post here (None when they may), as Mastodon refuses it."""
    moved = current_move(user)
    if moved is None:
        return None
    return _("Your account has moved to %(address)s: post from there. Your notes here stay.") % {
        "address": moved.target_address or moved.target_uri
    }


# --- aliases (moving here) -------------------------------------------------------------------


def add_alias(*, user, address: str) -> ActorAlias:
    """Name an account elsewhere as this person's too (`alsoKnownAs`), so it can move here."""
    services.require_enabled()
    if ActorAlias.objects.filter(user=user).count() >= MAX_ALIASES:
        raise InvalidInput(
            _("You can name at most %(n)d old accounts.") % {"n": MAX_ALIASES}, field="address"
        )
    actor = services.lookup_address(address)
    alias, created = ActorAlias.objects.get_or_create(
        user=user, uri=actor.uri, defaults={"address": actor.address}
    )
    if not created:
        raise Conflict(_("That account is already one of your aliases."))
    return alias


def remove_alias(*, user, address: str) -> bool:
    """Forget an alias, named by its address (@name@server) or its actor URL."""
    address = (address or "").strip()
    rows = ActorAlias.objects.filter(user=user)
    match = rows.filter(uri=address) if address.startswith(("https://", "http://")) else None
    if match is None:
        wanted = "@" + address.lstrip("@").lower()
        match = rows.filter(address__iexact=wanted)
    deleted, _rows = match.delete()
    return bool(deleted)


def forget_alias(*, user, alias_id: int) -> bool:
    deleted, _rows = ActorAlias.objects.filter(user=user, pk=alias_id).delete()
    return bool(deleted)


# --- moving away -----------------------------------------------------------------------------


def move_account(
    *, user, address: str, password: str = "", by_operator: bool = False
) -> AccountMove:
    """Move this person to their account at `address` (module docstring): refused without the
    current password (unless an operator moves them from the command line), within 30 days of
    a move, or when the new account does not name them."""
    services.require_enabled()
    if not by_operator and not (password and check_password(password, user.password)):
        raise PermissionDenied(_("Your current password is not right."))
    last = AccountMove.objects.filter(user=user).order_by("-created_at").first()
    if last and timezone.now() - last.created_at < MOVE_COOLDOWN:
        raise RateLimited(
            _("You moved less than 30 days ago; you can move again after that."),
            retry_after=int((last.created_at + MOVE_COOLDOWN - timezone.now()).total_seconds()),
        )
    target = services.lookup_address(address)  # a fresh fetch of the new account (SSRF-safe)
    if target.moved_to:
        raise InvalidInput(
            _("That account has itself moved; name the newest one."), field="address"
        )
    if activities.actor_uri(user) not in target.also_known_as:
        raise InvalidInput(
            _(
                "%(address)s does not name this account as an alias yet: add "
                '%(handle)s as an alias ("also known as") there first, then move.'
            )
            % {"address": target.address, "handle": f"@{user.username}@{activities.domain()}"},
            field="address",
        )
    with transaction.atomic():
        move = AccountMove.objects.create(
            user=user, target_uri=target.uri, target_address=target.address
        )
        move.local_followers = _switch_local_followers(user, target)
        move.remote_followers = len(services.follower_inboxes(user))
        move.save(update_fields=["local_followers", "remote_followers", "updated_at"])
        _tell_followers(user, activities.move(user, target.uri, move.pk))
    log.info("%s moved to %s", user.username, target.uri)
    return move


def cancel_move(*, user, password: str = "", by_operator: bool = False) -> AccountMove:
    """Cancel the redirect (Mastodon's "cancel redirect"): the profile no longer points to the
    new account and they may post here again; followers who moved stay with the new account.
    Their servers get an Update of the actor (without movedTo). The 30-day cooldown stays."""
    services.require_enabled()
    if not by_operator and not (password and check_password(password, user.password)):
        raise PermissionDenied(_("Your current password is not right."))
    move = current_move(user)
    if move is None:
        raise Conflict(_("This account has not moved."))
    with transaction.atomic():
        move.cancelled_at = timezone.now()
        move.save(update_fields=["cancelled_at", "updated_at"])
        person = activities.person(user, services.key_for(user).public_pem, **actor_fields(user))
        person.pop("@context", None)  # the Update carries it
        _tell_followers(user, activities.wrap(user, "Update", person, to=[activities.AS_PUBLIC]))
    log.info("%s cancelled the redirect to %s", user.username, move.target_uri)
    return move


def _tell_followers(user, activity: dict) -> None:
    from crossnote.federation import tasks

    enqueue(tasks.deliver_to_followers, user.pk, activity)


def _switch_local_followers(user, target: RemoteActor) -> int:
    """People here who follow the moved person follow their new account instead."""
    from crossnote.social.models import Follow
    from crossnote.social.services import unfollow_user

    switched = 0
    for follow in Follow.objects.filter(followee=user).select_related("follower"):
        follower = follow.follower
        if not RemoteBlock.objects.filter(user=follower, actor=target).exists():
            if not RemoteFollow.objects.filter(user=follower, actor=target).exists():
                services.follow_remote(user=follower, actor=target)
            switched += 1
        unfollow_user(follower=follower, followee=user)
    return switched


# --- receiving a Move ------------------------------------------------------------------------


def _refused(status: int, reason: str):
    from crossnote.federation.inbox import Refused  # the inbox dispatches here: no cycle at import

    return Refused(status, reason)


def _object_id(value) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


def receive_move(sender: RemoteActor, activity: dict) -> str:
    """Apply an incoming `Move` (module docstring); raises the inbox's Refused with a reason."""
    origin, target_uri = _object_id(activity.get("object")), _object_id(activity.get("target"))
    if origin != sender.uri:
        raise _refused(403, "a Move's object must be its own actor (only an account moves itself)")
    if not target_uri.startswith(("https://", "http://")) or target_uri == origin:
        raise _refused(400, "a Move needs a target account")
    recent = ReceivedMove.objects.filter(
        origin_uri=origin,
        outcome=ReceivedMove.Outcome.APPLIED,
        created_at__gte=timezone.now() - RECEIVED_COOLDOWN,
    )
    if recent.exists():
        raise _refused(429, "this account already moved in the last 7 days")
    local_name = activities.local_username(target_uri)
    if local_name is not None:
        moved = _move_to_local(sender, local_name)
    else:
        moved = _move_to_remote(sender, target_uri)
    ReceivedMove.objects.create(
        origin_uri=origin[:500],
        target_uri=target_uri[:500],
        outcome=ReceivedMove.Outcome.APPLIED,
        followers_moved=moved,
    )
    return f"move applied: {moved} follower(s) here now follow {target_uri}"


def _move_to_remote(sender: RemoteActor, target_uri: str) -> int:
    if services.is_blocked(services.domain_of(target_uri)):
        raise _refused(403, "the Move's target is on a server blocked here")
    try:
        target = services.fetch_actor(target_uri, refresh=True)
    except fetch.FetchRefused as exc:
        raise _refused(422, f"the Move's target cannot be fetched: {exc.reason}") from exc
    if sender.uri not in target.also_known_as:
        raise _refused(422, "the Move's target does not list the moving account in alsoKnownAs")
    RemoteActor.objects.filter(pk=sender.pk).update(moved_to=target.uri)
    moved = 0
    follows = RemoteFollow.objects.filter(actor=sender).exclude(state=RemoteFollow.State.REJECTED)
    for follow in follows.select_related("user"):
        person = follow.user
        services.unfollow_remote(user=person, actor=sender)
        if RemoteBlock.objects.filter(user=person, actor=target).exists():
            continue
        if not RemoteFollow.objects.filter(user=person, actor=target).exists():
            services.follow_remote(user=person, actor=target)
        moved += 1
    return moved


def _move_to_local(sender: RemoteActor, username: str) -> int:
    from crossnote.accounts.models import User
    from crossnote.social.services import follow_user

    target = User.objects.filter(username=username, is_active=True).first()
    if target is None:
        raise _refused(404, "the Move's target is not a person here")
    if not ActorAlias.objects.filter(user=target, uri=sender.uri).exists():
        raise _refused(422, "the Move's target does not list the moving account in alsoKnownAs")
    RemoteActor.objects.filter(pk=sender.pk).update(moved_to=activities.actor_uri(target))
    moved = 0
    follows = RemoteFollow.objects.filter(actor=sender).exclude(state=RemoteFollow.State.REJECTED)
    for follow in follows.select_related("user"):
        person = follow.user
        services.unfollow_remote(user=person, actor=sender)
        if person.pk == target.pk:
            continue
        try:
            follow_user(follower=person, followee=target)
        except DomainError as exc:  # they blocked each other: that follow stays undone
            log.info("move of %s: %s not switched: %s", sender.uri, person.username, exc.message)
            continue
        moved += 1
    return moved
