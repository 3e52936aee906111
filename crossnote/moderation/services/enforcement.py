"""Enforcement: put a decision into effect and tell the author why.

Decisions and their statements of reasons (EU DSA Art. 17), content states, regional
withholding, strikes and suspensions, and the append-only audit log every action writes."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from crossnote.accounts.models import User
from crossnote.core import hooks
from crossnote.core.errors import Conflict, InvalidInput, NotFound
from crossnote.moderation import engine, selectors
from crossnote.moderation.categories import category_name
from crossnote.moderation.detectors import patterns
from crossnote.moderation.detectors.base import Signal
from crossnote.moderation.models import (
    Action,
    AuditEntry,
    Decision,
    Strike,
    Suspension,
    Withholding,
)
from crossnote.notes.models import Comment, ModerationState, Note, NoteWithholding
from crossnote.notes.services import recount_comments, recount_topics
from crossnote.security.sessions import end_all_sessions
from crossnote.social.models import Notification
from crossnote.social.services import notify

# The content state an automated verdict puts a note or comment in.
STATE_FOR = {
    Action.LABEL: ModerationState.LABELLED,
    Action.LIMIT: ModerationState.LIMITED,
    Action.HOLD: ModerationState.HELD,
    Action.REMOVE: ModerationState.REMOVED,
}
# The content state a moderator's decision puts it in (withhold: see withhold_note).
STATE_OF = {
    "approve": ModerationState.VISIBLE,
    "label": ModerationState.LABELLED,
    "limit": ModerationState.LIMITED,
    "remove": ModerationState.REMOVED,
}
ACTION_WORDS = {
    "approve": gettext_lazy("approved, nothing restricted"),
    "label": gettext_lazy("shown behind a content warning"),
    "limit": gettext_lazy("not recommended to others"),
    "withhold": gettext_lazy("withheld in some regions"),
    "remove": gettext_lazy("removed"),
}
# What a statement of reasons calls each kind of content (messages come from crossnote.messaging).
KIND_WORDS = {**dict(Decision.Kind.choices), "message": gettext_lazy("message")}
# What each layer is called on the review page (the signal's `layer` stays the key) ...
LAYER_NAMES = {
    "hash": gettext_lazy("hash list"),
    "terms": gettext_lazy("term list"),
    "classifier": gettext_lazy("classifier"),
    "profanity": gettext_lazy("alt-profanity-check"),
    "llm_guard": gettext_lazy("LLM guard"),
    "pii": gettext_lazy("private information"),
}
# ... and in the author's statement of reasons, without the moderators' jargon.
AUTHOR_LAYER_NAMES = {
    **LAYER_NAMES,
    "hash": gettext_lazy("list of known content"),
    "profanity": gettext_lazy("English profanity check"),
}
# Layers whose score says nothing to an author (an exact match, a warning only): named alone.
UNSCORED_LAYERS = ("hash", "pii")
# The built-in phrase patterns' descriptions (detectors/patterns.py), for the translations to
# know them; a test keeps this list equal to the patterns'. A term-list signal's detail.
PATTERN_DESCRIPTIONS = (
    gettext_noop("promising money"),
    gettext_noop("contact address beside a promise of money"),
    gettext_noop("hurry beside a promise of money"),
    gettext_noop("a refund or a prize said to be waiting"),
    gettext_noop("an account said to be in trouble"),
    gettext_noop("a page to verify an account at"),
    gettext_noop("asking for a one-time code"),
    gettext_noop("a reward or an unlocked account for the code"),
    gettext_noop("asking for card numbers or codes"),
    gettext_noop("a fee asked up front"),
    gettext_noop("money asked before a deal"),
    gettext_noop("a fortune to move for a stranger"),
    gettext_noop("threat of violence"),
    gettext_noop("threat to expose"),
    gettext_noop("wishing death"),
    gettext_noop("urging self-harm"),
    gettext_noop("telling someone to leave"),
    gettext_noop("insulting someone"),
    gettext_noop("calling someone an animal"),
    gettext_noop("calling someone worthless"),
    gettext_noop("harassing someone"),
    gettext_noop("brigading someone"),
    gettext_noop("dehumanising a group"),
    gettext_noop("demeaning women"),
    gettext_noop("ethnic slur"),
    gettext_noop("advertising"),
)
PATTERN_RULE = f"terms:{patterns.LIST_NAME}#"


def audit(actor, action: str, target: str, before=None, after=None) -> AuditEntry:
    """Append an entry to the audit log (never edited, never deleted)."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=getattr(actor, "username", "system") or "system",
        action=action,
        target=target,
        before=before or {},
        after=after or {},
    )


# --- statements of reasons --------------------------------------------------------------------


def statement_for(verdict, kind: str) -> str:
    """The statement of reasons the author reads: what, why, by which layer, what next."""
    # Each piece of evidence once: two halves of one pattern (a product beside where to buy
    # it) read "term list: advertising; term list: advertising".
    said = list(dict.fromkeys(evidence_for_author(s) for s in verdict.signals))[:3]
    parts = {
        "action": Action(verdict.action).label,
        "category": category_name(verdict.category),
        "evidence": _("; ").join(said) or "—",
    }
    return (
        _(
            "Action: %(action)s. Reason: this may break our guideline on %(category)s. "
            "Evidence: %(evidence)s. This was an automated decision; you can edit your content, and "
            "an appeal reaches a human moderator."
        )
        % parts
    )


def statement_of_reasons(
    *,
    action: str,
    kind: str,
    category: str,
    automated_detection: bool,
    automated_decision: bool,
    facts: str,
    legal_basis: str = "",
) -> str:
    """A statement in the sense of the EU DSA Art. 17: what was restricted, the facts, whether
    automated means were used, the ground, and how to seek redress."""
    days = settings.CROSSNOTE_APPEAL_WINDOW_DAYS
    ground = (
        _("Legal basis: %(basis)s.") % {"basis": legal_basis}
        if legal_basis
        else _("Ground: our community guideline on %(category)s.")
        % {"category": category_name(category or "respect")}
    )
    means = (
        _("Automated means detected it and decided.")
        if automated_decision
        else _("Automated means flagged it; a human moderator decided.")
        if automated_detection
        else _("A human moderator reviewed it after a report.")
    )
    # One line each: a wall of sentences is hard to read on a phone, and Chinese puts no space
    # between sentences ("。 事实" read as a typo); pages show the lines (linebreaksbr).
    return "\n".join(
        [
            _("What: your %(kind)s — %(action)s.")
            % {"kind": KIND_WORDS.get(kind, kind), "action": ACTION_WORDS.get(action, action)},
            _("Facts: %(facts)s.") % {"facts": facts or "—"},
            means,
            ground,
            _(
                "Redress: you can appeal within %(days)d days from the moderation notices page; "
                "a different moderator decides."
            )
            % {"days": days},
        ]
    )


def evidence_for_author(signal) -> str:
    """One signal as the author reads it, in the active language: the layer's name, and what it
    found (a pattern's description, the words a list matched) or how likely the model found it
    (it read "terms: insulting someone; classifier: p=1.00" in a Chinese statement). The review
    page keeps the rules and scores (presenters.explain_suggestion)."""
    name = AUTHOR_LAYER_NAMES.get(signal.layer, signal.layer)
    if signal.layer == "terms":
        if signal.rule.startswith(PATTERN_RULE):
            found = _(signal.detail)  # translated where the catalogue knows it
        else:  # the author's own words, not the list's entry and how it matched ("sb (pinyin)")
            found = "“%s”" % (signal.spans[0].text if signal.spans else signal.detail)
        return _("%(layer)s: %(found)s") % {"layer": name, "found": found}
    if signal.layer in UNSCORED_LAYERS:
        return str(name)
    # A model is never certain: 0.997 reads "99%", not "100%".
    percent = min(round(signal.score * 100), 99)
    return _("%(layer)s: %(percent)d%% likely") % {"layer": name, "percent": percent}


def reason_for_author(reason: str, *, private: bool) -> str:
    """A moderator's free-text reason as the author reads it, in the active language (call it
    inside translation.override): translated, with the original and the engine that translated
    it; as written when it is already in that language."""
    target = translation.get_language() or "en"
    translated = selectors.translate_for_reader(reason, target, private=private)
    if translated["translation"] is None:
        return translated["original"]
    if translated["gloss"]:  # the offline dictionary's glosses: helpful, but no translation
        return (
            _(
                "%(translation)s (the moderator wrote: “%(original)s”; %(engine)s, not a translation)"
            )
            % translated
        )
    return (
        _("%(translation)s (the moderator wrote: “%(original)s”; machine-translated by %(engine)s)")
        % translated
    )


def statement_in(language: str, *, private: bool = False, **parts) -> str:
    """A moderator's statement written in `language` (a UI code), the moderator's own words
    (the facts) translated into it too."""
    with translation.override(language):
        parts["facts"] = reason_for_author(parts.get("facts", ""), private=private)
        return statement_of_reasons(**parts)


def statement_for_author(author, *, private: bool = False, **parts) -> str:
    """The statement written in the author's language, not the moderator's."""
    return statement_in(selectors.author_language(author), private=private, **parts)


def restate(decision, parts: dict, language: str, *, private: bool) -> str:
    """A decision's statement of reasons written again in `language` (a UI code) from the parts
    it was written from (selectors.statement_parts), by the code that wrote it for the author:
    what the senior moderator deciding an appeal reads in their own language (a translation of
    the author's Chinese statement was a gloss of a gloss)."""
    with translation.override(language):
        if parts["form"] == "withheld":
            return _withheld_statement(parts["regions"], parts["legal_basis"], parts["reference"])
        if parts["form"] == "automated":
            verdict = engine.Verdict(
                action=decision.action,
                category=decision.category,
                signals=[Signal.from_dict(signal) for signal in decision.signals or []],
            )
            return statement_for(verdict, decision.kind)
    return statement_in(
        language,
        private=private,
        action=parts["action"],
        kind=decision.kind,
        category=decision.category,
        automated_detection=parts["automated_detection"],
        automated_decision=False,
        facts=parts["facts"],
        legal_basis=parts["legal_basis"],
    )


# --- decisions and content states -------------------------------------------------------------


def record_decision(obj, kind, verdict, author, *, automated=True, regions=()) -> Decision:
    """An automated (or withholding) decision with its statement in the author's language."""
    with translation.override(selectors.author_language(author)):
        statement = statement_for(verdict, kind)
    return Decision.objects.create(
        kind=kind,
        object_id=obj.pk,
        author=author,
        action=verdict.action,
        category=verdict.category,
        policy=verdict.policy,
        automated=automated,
        signals=[s.as_dict() for s in verdict.signals],
        regions=list(regions),
        statement=statement,
    )


def recount(obj, kind: str) -> None:
    """A held, removed or restored note or comment leaves (or rejoins) the counts it is in."""
    if kind == "comment":
        recount_comments(obj.note_id)
    else:
        recount_topics(note_id=obj.pk)


def apply_state(obj, kind: str, action: str) -> None:
    """A moderator's action on the content itself (another app applies it to its own)."""
    if kind not in ("note", "comment", "profile"):  # e.g. a message report: its app applies it
        hooks.collect(hooks.REVIEW_DECIDED, kind=kind, obj=obj, action=action)
        return
    if kind == "profile" or action not in STATE_OF:
        return
    model = Note if kind == "note" else Comment
    fields: dict[str, str] = {"moderation": STATE_OF[action]}
    if action == "approve":
        fields["content_warning"] = ""
    elif action == "label" and not getattr(obj, "content_warning", ""):
        # Stored as written, shown in each reader's language (notes' `warning_text` filter).
        fields["content_warning"] = engine.LONE_AMBIGUOUS_LABEL
    model.objects.filter(pk=obj.pk).update(**fields)
    recount(obj, kind)


def lift_withholdings(note_id: int) -> None:
    """A reversed withholding: readers in every region see the note again."""
    NoteWithholding.objects.filter(note_id=note_id).delete()


def withhold_note(
    *, note, regions, legal_basis: str, reference: str = "", by=None, verdict=None
) -> Decision:
    """Withhold a note for readers in `regions`, recorded with its legal basis, the author told."""
    regions = sorted({r.strip().upper() for r in regions if r.strip()})
    if not regions or any(len(r) != 2 or not r.isalpha() for r in regions):
        raise InvalidInput(_("Give the regions as two-letter ISO 3166 codes, e.g. CN, DE."))
    if not (legal_basis or "").strip():
        raise InvalidInput(_("A withholding needs its legal basis or order."))
    verdict = verdict or engine.Verdict(action=Action.WITHHOLD, category="legal", regions=regions)
    with transaction.atomic():
        decision = record_decision(
            note, "note", verdict, note.author, automated=by is None, regions=regions
        )
        with translation.override(selectors.author_language(note.author)):
            decision.statement = _withheld_statement(regions, legal_basis, reference)
        decision.save(update_fields=["statement"])
        Withholding.objects.create(
            note=note,
            regions=regions,
            legal_basis=legal_basis,
            reference=reference,
            decision=decision,
            created_by=by,
        )
        for region in regions:
            NoteWithholding.objects.get_or_create(note=note, region=region)
        notify(recipient=note.author, actor=None, verb=Notification.Verb.MODERATION, note=note)
    return decision


def _withheld_statement(regions, legal_basis, reference) -> str:
    return _(
        "Your note is withheld for readers in %(regions)s. Legal basis: %(basis)s%(ref)s. "
        "Readers elsewhere still see it."
    ) % {
        "regions": ", ".join(regions),
        "basis": legal_basis,
        "ref": f" ({reference})" if reference else "",
    }


# --- accounts: policy actions, strikes, suspensions -------------------------------------------


def apply_account_action(verdict, author, decision=None) -> None:
    """A policy's account action: warn is the notification itself; suspend deactivates the
    account with a Suspension on `decision`, so the person reaches the suspended page (why, and
    the appeal) instead of "wrong password", and a reversal on appeal lifts it. Indefinite: a
    policy names no length (the strike ladder's steps do)."""
    policy = verdict.policy
    if policy is not None and policy.account_action == "suspend" and author.is_active:
        Suspension.objects.create(user=author, until=None, decision=decision)
        User.objects.filter(pk=author.pk).update(is_active=False)
        author.is_active = False
        end_all_sessions(author)  # every session and API token of the account ends now
        audit(
            None,
            "suspend",
            f"user:{author.pk}",
            after={"policy": policy.name, "decision": getattr(decision, "pk", None)},
        )


def strike(author, decision) -> None:
    """Repeat violations accumulate strikes that expire; the operator's ladder sets the
    consequence. A newcomer's first strike is a warning only."""
    now = timezone.now()
    Strike.objects.create(
        user=author,
        decision=decision,
        expires_at=now + timedelta(days=settings.CROSSNOTE_STRIKE_DAYS),
    )
    active = Strike.objects.filter(user=author, lifted=False, expires_at__gt=now).count()
    if selectors.is_newcomer(author) and active == 1:
        return
    ladder = settings.CROSSNOTE_STRIKE_LADDER
    step = ladder[min(active - 1, len(ladder) - 1)]
    if step.startswith("limit"):
        # No suspension: the account's new notes are not recommended while the step lasts
        # (selectors.account_limited_until; screening.moderate_content applies it to each note).
        audit(None, "limit", f"user:{author.pk}", after={"step": step, "strikes": active})
    if step.startswith("suspend"):
        days = step.partition(":")[2]
        until = now + timedelta(days=int(days)) if days.isdigit() else None
        Suspension.objects.create(user=author, until=until, decision=decision)
        User.objects.filter(pk=author.pk).update(is_active=False)
        end_all_sessions(author)  # every session and API token of the account ends now
        audit(None, "suspend", f"user:{author.pk}", after={"step": step, "strikes": active})


def lift_strikes(decision) -> None:
    """A reversed decision's strike no longer counts, and a suspension given on it ends: the
    policy's (linked to the decision) and the ladder's (one begun with or after that strike).
    The account is active again once none is left (EU DSA Art. 20: a complaint upheld reverses
    the decision's effects)."""
    lifted = set()
    if Suspension.objects.filter(decision=decision, lifted=False).update(lifted=True):
        lifted.add(decision.author_id)
    for struck in Strike.objects.filter(decision=decision, lifted=False):
        resting = Suspension.objects.filter(
            user_id=struck.user_id, lifted=False, created_at__gte=struck.created_at
        )
        if resting.update(lifted=True):
            lifted.add(struck.user_id)
    Strike.objects.filter(decision=decision).update(lifted=True)
    _suspensions_ended(lifted, None, {"reversed": decision.pk})


def _suspensions_ended(user_ids, by, after: dict) -> None:
    """After suspensions of these people were marked lifted: each account with none left in
    force is active again (another suspension keeps it shut), and each is audited."""
    for user_id in sorted(set(user_ids)):
        if not Suspension.objects.filter(user_id=user_id, lifted=False).exists():
            User.objects.filter(pk=user_id).update(is_active=True)
        audit(by, "unsuspend", f"user:{user_id}", after=after)


def lift_suspensions(suspensions, by, reason: str) -> int:
    """An admin ends suspensions by hand (an indefinite one has no other end but an appeal):
    each is marked lifted, and an account with none left in force is active again. Audited
    with the admin and their reason; returns how many were in force."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Say why the suspension is lifted."), field="reason")
    in_force = list(suspensions.filter(lifted=False))
    with transaction.atomic():
        Suspension.objects.filter(pk__in=[s.pk for s in in_force]).update(lifted=True)
        _suspensions_ended({s.user_id for s in in_force}, by, {"reason": reason})
    return len(in_force)


class NoSuspensionInForce(Conflict):
    """Nothing to lift: the person (`person`) has no suspension in force."""

    def __init__(self, person):
        self.person = person
        super().__init__(
            _("%(username)s has no suspension in force; nothing was lifted.")
            % {"username": person.username}
        )


def lift_suspensions_of(username: str, by, reason: str) -> tuple[User, int]:
    """An admin lifts every suspension in force of the person called `username` (any case, a
    leading "@" ignored): the API's unsuspend and `crossnote moderation unsuspend`. Returns the
    person (their `is_active` as now stored) and how many were lifted. NotFound for no such
    person; NoSuspensionInForce (a Conflict) when none is in force: nothing lifted, nothing audited, so a retry after a
    lost answer is refused too."""
    name = (username or "").lstrip("@")
    person = User.objects.filter(username__iexact=name).first()
    if person is None:
        raise NotFound(_("No one is called @%(name)s.") % {"name": name})
    lifted = lift_suspensions(person.suspensions.all(), by, reason)
    if not lifted:
        raise NoSuspensionInForce(person)
    person.refresh_from_db(fields=["is_active"])
    return person, lifted


def lift_expired_suspensions() -> int:
    """End timed suspensions whose time is up (run daily: `moderation sweep`); an account still
    under another suspension (an indefinite one, a later one) stays inactive."""
    due = Suspension.objects.filter(lifted=False, until__isnull=False, until__lte=timezone.now())
    users = list(due.values_list("user_id", flat=True))
    due.update(lifted=True)
    _suspensions_ended(users, None, {})
    return len(users)
