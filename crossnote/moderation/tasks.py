"""Asynchronous moderation: the LLM guard, run after commit (in-process on the embedded default).

Thin: load the row, run the layer, apply the verdict; quietly stop if the row is gone.
"""

import logging

from django.conf import settings
from django.db import close_old_connections

log = logging.getLogger(__name__)


def run_llm_guard(kind: str, pk: int, *, attempts: int = 3) -> None:
    from crossnote.moderation import engine, services
    from crossnote.moderation.detectors.llm_guard import GuardUnavailable, LlmGuardClient
    from crossnote.notes.models import Comment, Note
    from crossnote.notes.policies import viewer_region

    model = Note if kind == "note" else Comment
    obj = model.objects.select_related("author").filter(pk=pk).first()
    if obj is None:
        return
    client = LlmGuardClient.from_options(dict(settings.CROSSNOTE_LLM_GUARD))
    for attempt in range(attempts):
        try:
            signals = client.classify(services.text_of(obj, kind))
            break
        except GuardUnavailable as exc:
            log.warning("LLM guard attempt %d failed: %s", attempt + 1, exc)
    else:
        return
    verdict = engine.decide(signals, kind=kind, author_region=viewer_region(obj.author))
    services.apply_verdict(obj, kind, verdict, obj.author)


def run_in_thread(task, *args) -> None:
    """Run a task body in a background thread with its own database connection (the embedded
    default has no worker; Celery takes this over at scale)."""
    close_old_connections()
    try:
        task(*args)
    except Exception:  # noqa: BLE001 - a background task logs, it never crashes the server
        log.exception("background task %s failed", getattr(task, "__name__", task))
    finally:
        close_old_connections()
