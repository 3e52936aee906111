"""Portability's part of a person's export and erasure (crossnote.core.data_rights): their
imports (the archive's name, counts, and what was skipped and why, which names their files) and
which of their notes are still imported drafts (the notes themselves are in notes' part).

Erasure: the import rows go, and any uploaded archive still waiting to be read is deleted once
the erasure commits; the drafts go with their notes (notes' part deletes those).
"""

from django.db import transaction

from crossnote.portability.models import Import, ImportedDraft
from crossnote.portability.selectors import export_imports

COVERS = ("portability.Import", "portability.ImportedDraft")


def export(user, media: dict[str, str]) -> dict:
    return {"imports": export_imports(user)}


def erase(user) -> None:
    from crossnote.portability.services import imports_storage

    names = list(
        Import.objects.filter(user=user).exclude(file_name="").values_list("file_name", flat=True)
    )
    ImportedDraft.objects.filter(user=user).delete()
    Import.objects.filter(user=user).delete()
    storage = imports_storage()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def connect() -> None:
    """Register with the data-rights registry (privacy runs the parts)."""
    try:
        from crossnote.core.data_rights import register
    except ImportError:  # a tree from before the registry: privacy still runs the hooks
        from crossnote.core import hooks

        hooks.register(hooks.EXPORT_SECTIONS, lambda *, user: export(user, {}))
        hooks.register(hooks.USER_ERASING, lambda *, user: erase(user))
        return
    register("portability", order=65, export=export, erase=erase, covers=COVERS)
