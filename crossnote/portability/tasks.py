"""Background work of portability: reading an uploaded archive into drafts (thin: takes an id)."""

from celery import shared_task


@shared_task
def run_import(import_id: int) -> None:
    from crossnote.portability.services import run_import as run

    run(import_id=import_id)


@shared_task
def requeue_stuck_imports() -> int:
    """The periodic sweep: imports whose worker died are queued again (crossnote portability sweep)."""
    from crossnote.portability.services import requeue_stuck_imports as requeue

    return requeue()
