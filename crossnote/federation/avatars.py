"""Avatars of people elsewhere, served from here.

A remote actor's `icon` is a picture on their server. Showing it from there would tell that
server the address and reading habits of everyone who opens a page here (and this site's CSP
allows images from itself only, so the browser refuses it: the page showed a broken image).
So the picture is fetched once, SSRF-safe and size-capped like any federation fetch, verified and
re-encoded as a local avatar is (metadata stripped, a 256 px WebP), and served from our storage;
until then, or when their server refuses or sends something that is not a picture, pages show
the person's initial. A changed icon is copied again when the actor document is next fetched."""

import logging
import secrets

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from crossnote.core.errors import DomainError
from crossnote.core.images import AVATAR_VARIANTS, process_image
from crossnote.core.tasks import enqueue
from crossnote.federation import fetch
from crossnote.federation.models import RemoteActor

log = logging.getLogger(__name__)


def refresh_later(actor: RemoteActor) -> None:
    """Copy the actor's icon in the background if it changed since the last copy."""
    if actor.icon_url != actor.avatar_from:
        from crossnote.federation import tasks

        enqueue(tasks.copy_avatar, actor.pk)


def copy(actor_id: int, *, last_try: bool = True) -> str:
    """Fetch, verify and keep the actor's icon (or drop the copy when the icon is gone). A
    server that is away for now raises FetchRefused (the task retries) unless it is the last
    try: then the initial is kept until the icon changes."""
    actor = RemoteActor.objects.filter(pk=actor_id).first()
    if actor is None:
        return "gone"
    source = actor.icon_url
    if source == actor.avatar_from:
        return "current"
    content = None
    if source:
        try:
            answer = fetch.request("GET", source, headers={"Accept": "image/*"})
            if answer.status != 200:  # a busy or failing server is asked again later
                transient = answer.status == 429 or answer.status >= 500
                raise fetch.FetchRefused(f"{source} answered {answer.status}", final=not transient)
            processed = process_image(
                SimpleUploadedFile("icon", answer.body, "application/octet-stream"),
                variants=AVATAR_VARIANTS,
            )
            content = processed.variants["avatar"].content
        except fetch.FetchRefused as exc:
            if not exc.final and not last_try:
                raise  # the server is away for now: retried with backoff
            log.info("avatar of %s not copied: %s", actor.domain, exc)
        except DomainError as exc:  # not a picture, too large, a decompression bomb ...
            log.info("avatar of %s refused: %s", actor.domain, exc)
    _keep(actor, source, content)
    return "copied" if content else "letter"


def _keep(actor: RemoteActor, source: str, content: bytes | None) -> None:
    old = actor.avatar.name if actor.avatar else ""
    if content:
        actor.avatar.save(
            f"{actor.pk}-{secrets.token_hex(6)}.webp", ContentFile(content), save=False
        )
    else:
        actor.avatar = ""
    actor.avatar_from = source
    # Only these two fields: the actor document may have been fetched again meanwhile.
    RemoteActor.objects.filter(pk=actor.pk).update(avatar=actor.avatar.name, avatar_from=source)
    if old:
        transaction.on_commit(lambda: actor.avatar.storage.delete(old))


def forget(sender, instance: RemoteActor, **kwargs) -> None:
    """post_delete: an actor removed here (their account deleted there) takes its copy along."""
    if instance.avatar:
        name, storage = str(instance.avatar.name), instance.avatar.storage
        transaction.on_commit(lambda: storage.delete(name))
