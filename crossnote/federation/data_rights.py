"""Federation's part of a person's export and erasure (crossnote.core.data_rights).

Export (GDPR Art. 15/20), under `moderation.other.federation` of data.json: the people elsewhere
they follow (with the follow's state), their followers elsewhere, their likes of and comments on
remote notes, their public key (never the private key), their aliases and moves. Erasure (Art.
17): those rows, remote likes and boosts of their notes, replies from elsewhere to their notes (others'
words, not exported, but shown only under those notes, so they go with them) and their key pair
go; first a signed Delete of their actor is queued for every server that knows them
(crossnote.federation.erasure, Art. 17(2)).
"""

from crossnote.core.data_rights import iso, register
from crossnote.federation.erasure import announce_erasure
from crossnote.federation.models import (
    AccountMove,
    ActorAlias,
    ActorKey,
    LocalReply,
    RemoteAnnounce,
    RemoteBlock,
    RemoteFollow,
    RemoteFollower,
    RemoteLike,
    RemoteNote,
    RemoteNoteLike,
)

COVERS = (
    "federation.AccountMove",
    "federation.ActorAlias",
    "federation.ActorKey",
    "federation.LocalReply",
    "federation.RemoteAnnounce",
    "federation.RemoteBlock",
    "federation.RemoteFollow",
    "federation.RemoteFollower",
    "federation.RemoteLike",
    "federation.RemoteNote",
    "federation.RemoteNoteLike",
)


def export_federation(user) -> dict:
    key = ActorKey.objects.filter(user=user).first()
    follows = RemoteFollow.objects.filter(user=user).select_related("actor").order_by("pk")
    followers = RemoteFollower.objects.filter(user=user).select_related("actor").order_by("pk")
    likes = RemoteNoteLike.objects.filter(user=user).select_related("note").order_by("pk")
    return {
        "following_elsewhere": [
            {
                "actor": f.actor.uri,
                "address": f.actor.address,
                "state": f.state,
                "since": iso(f.created_at),
            }
            for f in follows
        ],
        "followers_elsewhere": [
            {"actor": f.actor.uri, "address": f.actor.address, "since": iso(f.created_at)}
            for f in followers
        ],
        "blocked_elsewhere": [
            {"actor": b.actor.uri, "address": b.actor.address, "since": iso(b.created_at)}
            for b in RemoteBlock.objects.filter(user=user).select_related("actor").order_by("pk")
        ],
        "likes_elsewhere": [{"note": like.note.uri, "at": iso(like.created_at)} for like in likes],
        "replies_elsewhere": [
            {"note": r.note.uri, "body": r.body, "at": iso(r.created_at)}
            for r in LocalReply.objects.filter(author=user).select_related("note").order_by("pk")
        ],
        "public_key": key.public_pem if key else None,
        "also_known_as": [
            {"actor": a.uri, "address": a.address, "since": iso(a.created_at)}
            for a in ActorAlias.objects.filter(user=user).order_by("pk")
        ],
        "moved_to": [
            {"actor": m.target_uri, "address": m.target_address, "at": iso(m.created_at)}
            for m in AccountMove.objects.filter(user=user).order_by("pk")
        ],
    }


def export(user, media: dict[str, str]) -> dict:
    return {"moderation": {"other": {"federation": export_federation(user)}}}


def erase(user) -> None:
    # Art. 17(2): servers that know them are told (a signed Delete of their actor, sent after
    # the erasure commits), before their key and the rows that say who knows them go.
    announce_erasure(user)
    RemoteNoteLike.objects.filter(user=user).delete()
    LocalReply.objects.filter(author=user).delete()
    RemoteBlock.objects.filter(user=user).delete()
    RemoteFollow.objects.filter(user=user).delete()
    RemoteFollower.objects.filter(user=user).delete()
    RemoteLike.objects.filter(note__author=user).delete()
    RemoteAnnounce.objects.filter(note__author=user).delete()
    RemoteNote.objects.filter(reply_to_note__author=user).delete()
    ActorAlias.objects.filter(user=user).delete()
    AccountMove.objects.filter(user=user).delete()
    ActorKey.objects.filter(user=user).delete()


register("federation", order=75, export=export, erase=erase, covers=COVERS)
