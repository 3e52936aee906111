"""Local things as ActivityPub JSON: addresses (actor, inbox, note ids), the `Person` of a local
person and a note as a `Note` shaped like Pixelfed's photo posts (images as attachments with
their alt text in `name`, hashtags as `Hashtag` tags, the language in `contentMap`, the content
warning as `sensitive` + `summary`), and the activities wrapped around them."""

import html
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    {
        "Hashtag": "as:Hashtag",
        "sensitive": "as:sensitive",
        "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
        "alsoKnownAs": {"@id": "as:alsoKnownAs", "@type": "@id"},
        "movedTo": {"@id": "as:movedTo", "@type": "@id"},
    },
]
FEDERATED_VISIBILITIES = ("public", "followers")
HIDDEN_MODERATION = ("held", "removed")


def enabled() -> bool:
    """Federation runs only once the operator has named the instance's public domain."""
    return bool(settings.CROSSNOTE_FEDERATION_DOMAIN)


def domain() -> str:
    return settings.CROSSNOTE_FEDERATION_DOMAIN.strip().lower()


def base_url() -> str:
    """https://DOMAIN; http:// only for a loopback domain with the development setting on."""
    host = urlsplit(f"//{domain()}").hostname or ""
    loopback = host in ("localhost", "127.0.0.1", "::1")
    insecure = loopback and settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK
    return f"{'http' if insecure else 'https'}://{domain()}"


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else base_url() + path


def actor_uri(user) -> str:
    return absolute(reverse("federation:actor", kwargs={"username": user.username}))


def key_id(user) -> str:
    return actor_uri(user) + "#main-key"


def note_uri(note_id: int) -> str:
    return absolute(reverse("federation:note", kwargs={"pk": note_id}))


def instance_actor_uri() -> str:
    """The server's own actor (an `Application`, as Mastodon's instance actor)."""
    return absolute(reverse("moving:instance_actor"))


def instance_actor(public_pem: str) -> dict:
    uri = instance_actor_uri()
    return {
        "@context": CONTEXT,
        "id": uri,
        "type": "Application",
        "preferredUsername": domain(),
        "name": domain(),
        "inbox": shared_inbox_uri(),
        "endpoints": {"sharedInbox": shared_inbox_uri()},
        "manuallyApprovesFollowers": True,
        "url": base_url() + "/",
        "publicKey": {"id": f"{uri}#main-key", "owner": uri, "publicKeyPem": public_pem},
    }


def shared_inbox_uri() -> str:
    return absolute(reverse("federation:shared_inbox"))


def new_activity_id(user, kind: str) -> str:
    return f"{actor_uri(user)}#{kind.lower()}/{uuid.uuid4()}"


def local_username(uri: str) -> str | None:
    """The username a local actor URI names, or None when it is not one of ours."""
    prefix = absolute("/ap/users/")
    if not uri.startswith(prefix):
        return None
    name = uri[len(prefix) :].split("/")[0].split("#")[0]
    return name or None


def local_note_id(uri: str) -> int | None:
    prefix = absolute("/ap/notes/")
    rest = uri[len(prefix) :] if uri.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else None


def person(user, public_pem: str, *, also_known_as=(), moved_to: str = "") -> dict:
    """A local person's actor document (Mastodon reads these fields); `also_known_as` and
    `moved_to`: their account moves (crossnote.federation.moving)."""
    uri = actor_uri(user)
    doc = {
        "@context": CONTEXT,
        "id": uri,
        "type": "Person",
        "preferredUsername": user.username,
        "name": user.display_name or user.username,
        "summary": html.escape(user.bio).replace("\n", "<br>") if user.bio else "",
        "url": absolute(user.get_absolute_url()),
        "inbox": f"{uri}/inbox",
        "outbox": f"{uri}/outbox",
        "followers": f"{uri}/followers",
        "following": f"{uri}/following",
        "manuallyApprovesFollowers": False,
        "discoverable": bool(user.discoverable),
        "endpoints": {"sharedInbox": shared_inbox_uri()},
        "publicKey": {"id": key_id(user), "owner": uri, "publicKeyPem": public_pem},
        "languages": list(user.languages or []),
    }
    if also_known_as:
        doc["alsoKnownAs"] = list(also_known_as)
    if moved_to:
        doc["movedTo"] = moved_to
    if user.avatar:
        doc["icon"] = {"type": "Image", "url": absolute(user.avatar.url)}
    return doc


def _content(note) -> str:
    paragraphs = [f"<p><strong>{html.escape(note.title)}</strong></p>"] if note.title else []
    for block in (note.body or "").split("\n\n"):
        if block.strip():
            paragraphs.append("<p>" + html.escape(block).replace("\n", "<br>") + "</p>")
    return "".join(paragraphs)


def note_object(note) -> dict:
    """A local note as a `Note` (Pixelfed's photo-post shape)."""
    author = actor_uri(note.author)
    followers = f"{author}/followers"
    public = note.visibility == "public"
    content = _content(note)
    language = (note.language or "").split("-")[0]
    tags = [
        {
            "type": "Hashtag",
            "name": f"#{topic.name}",
            "href": absolute(reverse("notes:topic", kwargs={"name": topic.name})),
        }
        for topic in note.topics.all()
    ]
    attachments = []
    for image in note.images.order_by("position"):
        if not image.large:
            continue
        attachments.append(
            {
                "type": "Image",
                "mediaType": "image/webp" if image.large.name.endswith(".webp") else "image/jpeg",
                "url": absolute(image.large.url),
                "name": image.alt_text or None,
                "blurhash": image.blurhash,
                "width": image.large_width,
                "height": image.large_height,
            }
        )
    doc = {
        "id": note_uri(note.pk),
        "type": "Note",
        "attributedTo": author,
        "to": [AS_PUBLIC] if public else [followers],
        "cc": [followers] if public else [],
        "published": note.created_at.isoformat().replace("+00:00", "Z"),
        "url": absolute(note.get_absolute_url()),
        "content": content,
        "name": note.title or None,
        "attachment": attachments,
        "tag": tags,
        "sensitive": bool(note.content_warning),
        "summary": note.content_warning or None,
    }
    if language:
        doc["contentMap"] = {language: content}
    if note.updated_at and (note.updated_at - note.created_at).total_seconds() > 1:
        doc["updated"] = note.updated_at.isoformat().replace("+00:00", "Z")
    return doc


def wrap(user, kind: str, obj, *, to=None, cc=None) -> dict:
    activity = {
        "@context": CONTEXT,
        "id": new_activity_id(user, kind),
        "type": kind,
        "actor": actor_uri(user),
        "object": obj,
    }
    if to is not None:
        activity["to"] = to
    if cc is not None:
        activity["cc"] = cc
    return activity


def create_note(note, kind: str = "Create") -> dict:
    obj = note_object(note)
    activity = wrap(note.author, kind, obj, to=obj["to"], cc=obj["cc"])
    activity["id"] = f"{obj['id']}/activity" if kind == "Create" else activity["id"]
    return activity


def move(user, target_uri: str, move_id: int) -> dict:
    """Move(object=the person, target=their new account), as Mastodon sends it to followers."""
    uri = actor_uri(user)
    activity = wrap(user, "Move", uri, to=[f"{uri}/followers"])
    activity.update(id=f"{uri}#moves/{move_id}", target=target_uri)
    return activity


def delete_actor(user) -> dict:
    """Delete(the person): their account is gone (sent on erasure, Mastodon's shape)."""
    uri = actor_uri(user)
    activity = wrap(user, "Delete", uri, to=[AS_PUBLIC])
    activity["id"] = f"{uri}#delete"
    return activity


def delete_note(user, note_id: int, public: bool = True) -> dict:
    followers = f"{actor_uri(user)}/followers"
    tombstone = {"id": note_uri(note_id), "type": "Tombstone"}
    return wrap(user, "Delete", tombstone, to=[AS_PUBLIC] if public else [followers], cc=[])
