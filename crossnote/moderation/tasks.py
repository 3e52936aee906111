"""Asynchronous moderation: the LLM guard, queued after commit (crossnote.core.tasks: a worker at
scale, a background thread on the embedded default).

Thin: load the row, ask the guard, apply the verdict; quietly stop if the row is gone. An
unreachable guard is retried with backoff, then dead-lettered. Idempotent: the verdict and a
done-marker keyed by the text's hash are written in one transaction, so a message delivered twice
(acks late) judges a text once, while an edited text is judged again.
"""

import hashlib
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction

from crossnote.core import tasks as background
from crossnote.moderation import engine, selectors, services
from crossnote.moderation.detectors.llm_guard import LlmGuardClient
from crossnote.notes.models import Comment, Note
from crossnote.notes.policies import viewer_region

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=4)
def run_llm_guard(self, kind: str, pk: int) -> None:
    model = Note if kind == "note" else Comment
    obj = model.objects.select_related("author").filter(pk=pk).first()
    if obj is None:
        return
    text = selectors.text_of(obj, kind)
    key = f"moderation.llm_guard:{kind}:{pk}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"
    if background.is_done(key):
        return
    client = LlmGuardClient.from_options(dict(settings.CROSSNOTE_LLM_GUARD))
    signals = client.classify(text)  # GuardUnavailable: retried with backoff
    verdict = engine.decide(signals, kind=kind, author_region=viewer_region(obj.author))
    with transaction.atomic():
        if background.mark_done(key, self):
            services.apply_verdict(obj, kind, verdict, obj.author)


@shared_task
def moderation_sweep() -> None:
    """A periodic job (CELERY_BEAT_SCHEDULE): exactly what `crossnote moderation sweep` does
    (ends timed suspensions and whatever else that command grows to expire)."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("moderation", "sweep", stdout=out)
    log.info("moderation sweep: %s", out.getvalue().strip())
