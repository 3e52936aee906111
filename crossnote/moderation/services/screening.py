"""Screening on write: every note, comment, profile and image through the layers and the policy
engine, the verdict put into effect, and the norms coach an author sees before posting."""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from crossnote.core import tasks as background
from crossnote.core.errors import ContentBlocked
from crossnote.language.detection import detect_language
from crossnote.moderation import engine, pipeline, selectors
from crossnote.moderation.categories import category_name
from crossnote.moderation.models import SEVERITY, Action, Decision, GuidelinesAcknowledgement
from crossnote.moderation.services.enforcement import (
    STATE_FOR,
    apply_account_action,
    record_decision,
    recount,
    statement_for,
    withhold_note,
)
from crossnote.moderation.services.review import queue_automated
from crossnote.notes.models import Comment, ModerationState, Note
from crossnote.notes.policies import viewer_region
from crossnote.social.models import Notification
from crossnote.social.services import notify

# Tasks are entry points above the services (they call them): reached by their registered name.
LLM_GUARD_TASK = "crossnote.moderation.tasks.run_llm_guard"


def apply_verdict(obj, kind: str, verdict, author) -> Decision | None:
    """Put a verdict into effect on a note or comment and tell its author why."""
    if not verdict.acts:
        return None
    if kind == "profile":
        return _apply_to_profile(obj, verdict, author)
    if verdict.action == Action.WITHHOLD:
        # A regional withholding is a legal measure, not a finding against the author: the note
        # is unlawful in some regions (a court order, a national statute) and lawful elsewhere,
        # where it stays up. It puts no strike on the account and never suspends it, whatever
        # the policy's account action: a suspension would take the note (and all else) from
        # readers in every region, beyond what the law of any one asks (EU DSA Art. 9: an order
        # reaches only its territory).
        if kind != "note":
            return None
        return withhold_note(
            note=obj,
            regions=verdict.regions,
            legal_basis=verdict.policy.legal_basis or verdict.policy.name,
            verdict=verdict,
        )
    model = Note if kind == "note" else Comment
    warning = verdict.label_text if verdict.action == Action.LABEL else ""
    model.objects.filter(pk=obj.pk).update(
        moderation=STATE_FOR[verdict.action], content_warning=warning
    )
    # The object as stored: the caller answers with it (a labelled comment's API answer).
    obj.moderation = STATE_FOR[verdict.action]
    obj.content_warning = warning
    recount(obj, kind)  # a held or removed note or comment leaves the counts it was in
    decision = record_decision(obj, kind, verdict, author)
    apply_account_action(verdict, author, decision)
    if verdict.action in (Action.HOLD, Action.LABEL, Action.LIMIT):
        queue_automated(obj=obj, kind=kind, verdict=verdict, decision=decision)
    note = obj if kind == "note" else obj.note
    notify(
        recipient=author,
        actor=None,
        verb=Notification.Verb.MODERATION,
        note=note,
        comment=obj if kind == "comment" else None,
    )
    return decision


def _suspends(verdict) -> bool:
    policy = verdict.policy
    return policy is not None and policy.account_action == "suspend"


def _apply_to_profile(user, verdict, author) -> Decision | None:
    """A profile's verdict: a bio or name the policy holds or removes is refused (451) and
    not saved; label and limit are recorded. A policy that suspends suspends the account, as
    for a note: then the write stands, for refusing it would roll the suspension back with
    it, and nobody sees it (a suspended account's profile is not shown or found); it stays
    for the moderator who decides the appeal. A withholding never suspends (apply_verdict)."""
    suspends = _suspends(verdict) and verdict.action != Action.WITHHOLD
    if verdict.action in (Action.HOLD, Action.REMOVE) and not suspends:
        raise ContentBlocked(statement_for(verdict, "profile"))
    decision = record_decision(user, "profile", verdict, author)
    if suspends:
        apply_account_action(verdict, author, decision)
    return decision


def _image_verdict(note, author, version=None):
    """A note's stored images against the hash lists, for policies that hold rather than block
    (none to check, and no query, while the image list is empty)."""
    if not len(pipeline.image_bank(version)):
        return None
    pdqs = [image.pdq_hash for image in note.images.all() if image.pdq_hash]
    if not pdqs:
        return None
    signals = pipeline.run_images([_Stored(pdq) for pdq in pdqs], version=version)
    if not signals:
        return None
    return engine.decide(signals, kind="image", author_region=viewer_region(author))


class _Stored:
    def __init__(self, pdq):
        self.pdq, self.pdq_quality = pdq, 100


# The action a note's present moderation state stands for: a later verdict (its photos' hashes,
# the text read in them) acts only when it is stricter.
_ACTION_OF_STATE = {
    ModerationState.LABELLED: Action.LABEL,
    ModerationState.LIMITED: Action.LIMIT,
    ModerationState.HELD: Action.HOLD,
    ModerationState.REMOVED: Action.REMOVE,
}


def apply_if_stricter(note, verdict) -> Decision | None:
    """Put a later verdict on an existing note into effect when it is stricter than the state
    the note is in (a held note is not made merely labelled)."""
    current = _ACTION_OF_STATE.get(note.moderation, Action.ALLOW)
    if not verdict.acts or SEVERITY[verdict.action] <= SEVERITY[current]:
        return None
    return apply_verdict(note, "note", verdict, note.author)


def screen_note_photos(*, note) -> Decision | None:
    """The hook run once a note's photos are hashed in the background (NOTE_PHOTOS_HASHED),
    inside the transaction that lets readers see it: the hashes against the image lists, and a
    match's verdict (hold for review; remove, which refused the upload when photos were hashed
    before the answer) put into effect before anyone but the author has seen the note. No
    image list: nothing read."""
    verdict = _image_verdict(note, note.author)
    return None if verdict is None else apply_if_stricter(note, verdict)


# The verdict of the screening run before a write's transaction opened (SCREEN_CONTENT), for the
# CONTENT_CREATED of the same write on the same thread: (key, deadline, version, verdict,
# limited). One slot, taken once; a write whose text, language, author or kind differ screens
# again, and so does one that comes later than SCREENED_FOR seconds (a failed write's verdict,
# left in a server thread, is never reused by a later retry).
SCREENED_FOR = 5.0
_screened: ContextVar[tuple | None] = ContextVar("moderation_screened", default=None)


def _screening_key(text: str, kind: str, language: str, author) -> tuple:
    return (kind, text, language or "", getattr(author, "pk", None))


def prescreen_content(*, text: str, kind: str, language: str, author) -> None:
    """The hook run before a note or comment is written (SCREEN_CONTENT): the layers (the
    classifier among them) and the policy engine run here, before the write's transaction
    opens, so no other writer waits on SQLite's write lock for them (issue 19). The verdict
    is kept for moderate_content, which puts it into effect inside the transaction, so a note
    it holds is held from the moment it exists. The lists' version read here is the one the
    write is judged by: a list changed in the milliseconds between is as if the note had been
    posted a moment earlier."""
    version = pipeline.lists_version()
    _signals, verdict = selectors.screen_text(
        text, kind=kind, language=language, author=author, version=version
    )
    limited = kind == "note" and selectors.account_limited_until(author) is not None
    key = _screening_key(text, kind, language, author)
    _screened.set((key, time.monotonic() + SCREENED_FOR, version, verdict, limited))


def _take_screened(text: str, kind: str, language: str, author) -> tuple | None:
    """(version, verdict, limited) kept by prescreen_content for this very write, else None."""
    kept = _screened.get()
    if kept is None:
        return None
    _screened.set(None)
    key, deadline, *rest = kept
    if key != _screening_key(text, kind, language, author) or time.monotonic() > deadline:
        return None
    return tuple(rest)


def moderate_content(*, obj, kind: str, author) -> Decision | None:
    """The hook run on every write of a note, comment or profile, inside its transaction. A
    note or comment screened before its transaction opened (prescreen_content) takes that
    verdict here and reads nothing; anything else is screened now (the lists' version read
    once for the text and the images)."""
    text = selectors.text_of(obj, kind)
    language = getattr(obj, "language", "")
    kept = _take_screened(text, kind, language, author)
    if kept is not None:
        version, verdict, limited = kept
    else:
        version = pipeline.lists_version()
        _signals, verdict = selectors.screen_text(
            text, kind=kind, language=language, author=author, version=version
        )
        limited = None
    if kind == "note":
        images = _image_verdict(obj, author, version)
        if images is not None and SEVERITY[images.action] > SEVERITY[verdict.action]:
            verdict = images
    decision = apply_verdict(obj, kind, verdict, author)
    if kind == "note":
        _limit_if_account_limited(obj, author, limited)
    if settings.CROSSNOTE_LLM_GUARD.get("url") and kind in ("note", "comment"):
        transaction.on_commit(lambda: _queue_llm_guard(kind, obj.pk))
    return decision


def _limit_if_account_limited(note, author, limited: bool | None = None) -> None:
    """The strike ladder's "limit" step: while it lasts, a new note the layers let through is
    not recommended (limited: shown to followers, on the profile and by link, never on explore).
    Stricter states (held, removed) stay as they are; a content warning is kept. `limited`:
    already read before the transaction (None: read it now)."""
    open_states = (ModerationState.VISIBLE, ModerationState.LABELLED)
    if note.moderation not in open_states:
        return
    if limited is None:
        limited = selectors.account_limited_until(author) is not None
    if not limited:
        return
    Note.objects.filter(pk=note.pk).update(moderation=ModerationState.LIMITED)
    note.moderation = ModerationState.LIMITED


def _queue_llm_guard(kind: str, pk: int) -> None:
    # already after commit: a worker, a thread or inline
    background.dispatch(background.task_named(LLM_GUARD_TASK), kind, pk)


def screen_images(*, images, author) -> list[str]:
    """Hash-list check before any image is stored: refusals as messages (HTTP 451)."""
    signals = pipeline.run_images(images)
    if not signals:  # nothing matched (the usual case): no policy to read
        return []
    verdict = engine.decide(signals, kind="image", author_region=viewer_region(author))
    if verdict.action == Action.REMOVE:  # HOLD: stored, then held for review with the note
        return [
            _("This image matches a list of images that may not be posted here (%(c)s).")
            % {"c": category_name(verdict.category)}
        ]
    return []


def coach_draft(*, text: str, kind: str, author, language: str = "") -> dict:
    """What the norms coach tells an author about a draft before it is published."""
    if not language:
        language = detect_language(text).code if text.strip() else ""
    signals, verdict = selectors.screen_text(text, kind=kind, language=language, author=author)
    return {
        "verdict": verdict,
        "advisories": engine.advisories(signals),
        "category": category_name(verdict.category) if verdict.acts else "",
    }


def acknowledge_guidelines(*, user) -> GuidelinesAcknowledgement:
    """Record that this person was shown the current community guidelines (at sign-up)."""
    row, _created = GuidelinesAcknowledgement.objects.get_or_create(
        user=user, version=settings.CROSSNOTE_GUIDELINES_VERSION
    )
    return row
