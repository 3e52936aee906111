"""Reads of portability: a person's imports and drafts (pages, API, CLI and export)."""

from crossnote.portability.models import Import, ImportedDraft


def recent_imports(user, limit: int = 10) -> list[Import]:
    return list(Import.objects.filter(user=user).order_by("-created_at", "-pk")[:limit])


def drafts_of(user):
    """The person's imported drafts, newest original date first, with their photos."""
    return (
        ImportedDraft.objects.filter(user=user)
        .select_related("note")
        .prefetch_related("note__images", "note__topics")
        .order_by("-note__created_at", "-pk")
    )


def _iso(value):
    return value.isoformat() if value else None


def export_imports(user) -> dict:
    """GDPR Art. 20: the person's imports and which of their notes are still imported drafts."""
    return {
        "imports": [
            {
                "id": job.pk,
                "kind": job.kind,
                "status": job.status,
                "file": job.original_name,
                "total": job.total,
                "imported": job.imported,
                "skipped": job.skipped,
                "errors": job.errors,
                "error": job.error,
                "created_at": _iso(job.created_at),
                "finished_at": _iso(job.finished_at),
            }
            for job in Import.objects.filter(user=user).order_by("pk")
        ],
        "drafts": list(
            ImportedDraft.objects.filter(user=user).order_by("pk").values_list("note_id", flat=True)
        ),
    }
