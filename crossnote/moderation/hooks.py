"""Registers moderation on the content events of lower layers (see crossnote.core.hooks)."""

from crossnote.core import hooks


def _content_created(*, obj, kind, author):
    from crossnote.moderation.services import moderate_content

    moderate_content(obj=obj, kind=kind, author=author)


def _screen_images(*, images, author):
    from crossnote.moderation.services import screen_images

    return screen_images(images=images, author=author)


def _signed_up(*, user):
    from crossnote.moderation.services import acknowledge_guidelines

    acknowledge_guidelines(user=user)


def connect() -> None:
    hooks.register(hooks.SIGNED_UP, _signed_up)
    hooks.register(hooks.CONTENT_CREATED, _content_created)
    hooks.register(hooks.SCREEN_IMAGES, _screen_images)
