"""Social's part of a person's export and erasure (crossnote.core.data_rights): whom they follow
and who follows them, whom they blocked and muted, and their notifications.

Erasure: follows both ways are undone through unfollow_user (both people's counts are put right);
their blocks and mutes go, and so do the notifications they received and those they caused.
Blocks and mutes of them by others go with the account (the others' lists simply lose a name).
"""

from django.db.models import Q

from crossnote.core.data_rights import iso, register
from crossnote.social.models import Block, Follow, Mute, Notification
from crossnote.social.services import unfollow_user

COVERS = ("social.Follow", "social.Block", "social.Mute", "social.Notification")


def _people(queryset, field: str) -> list[dict]:
    return [
        {"username": getattr(row, field).username, "since": iso(row.created_at)}
        for row in queryset.select_related(field).order_by("pk")
    ]


def _notifications(user) -> list[dict]:
    rows = Notification.objects.filter(recipient=user).select_related("actor").order_by("pk")
    return [
        {
            "verb": n.verb,
            "actor": n.actor.username if n.actor else None,
            "note_id": n.note_id,
            "comment_id": n.comment_id,
            "created_at": iso(n.created_at),
            "read_at": iso(n.read_at),
        }
        for n in rows
    ]


def export(user, media: dict[str, str]) -> dict:
    return {
        "people": {
            "following": _people(Follow.objects.filter(follower=user), "followee"),
            "followers": _people(Follow.objects.filter(followee=user), "follower"),
            "blocked": _people(Block.objects.filter(blocker=user), "blocked"),
            "muted": _people(Mute.objects.filter(muter=user), "muted"),
        },
        "notifications": _notifications(user),
    }


def erase(user) -> None:
    for follow in Follow.objects.filter(follower=user).select_related("followee"):
        unfollow_user(follower=user, followee=follow.followee)
    for follow in Follow.objects.filter(followee=user).select_related("follower"):
        unfollow_user(follower=follow.follower, followee=user)
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    Mute.objects.filter(Q(muter=user) | Q(muted=user)).delete()
    Notification.objects.filter(Q(recipient=user) | Q(actor=user)).delete()


register("social", order=40, export=export, erase=erase, covers=COVERS)
