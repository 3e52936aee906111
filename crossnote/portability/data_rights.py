"""Portability's part of a person's export and erasure (crossnote.core.data_rights): their
imports (the archive's name, counts, and what was skipped and why, which names their files) and
which of their notes are still imported drafts (the notes themselves are in notes' part).

Erasure: the import rows go, and any uploaded archive still waiting to be read is deleted once
the erasure commits; the drafts go with their notes (notes' part deletes those).
"""

from crossnote.core.data_rights import delete_files_after_commit, register
from crossnote.portability.models import Import, ImportedDraft
from crossnote.portability.selectors import export_imports
from crossnote.portability.services import imports_storage

COVERS = ("portability.Import", "portability.ImportedDraft")


def export(user, media: dict[str, str]) -> dict:
    return {"imports": export_imports(user)}


def erase(user) -> None:
    names = list(
        Import.objects.filter(user=user).exclude(file_name="").values_list("file_name", flat=True)
    )
    ImportedDraft.objects.filter(user=user).delete()
    Import.objects.filter(user=user).delete()
    delete_files_after_commit(names, imports_storage())


def connect() -> None:
    """Register with the data-rights registry (privacy runs the parts)."""
    register("portability", order=65, export=export, erase=erase, covers=COVERS)
