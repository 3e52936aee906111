"""The policy engine: signals in, one verdict out. Policies are data (admin and YAML)."""

from dataclasses import dataclass, field

from django.core.cache import cache

from crossnote.moderation.detectors.base import Signal
from crossnote.moderation.models import SEVERITY, Action, Policy

POLICY_CACHE_KEY = "moderation:policies"
ADVISORY_LAYERS = {"pii"}  # the author is warned; these never act on content by themselves
# Context before action: an ambiguous signal (a term with innocent readings: "retard", 去死,
# "bitch", "sb", 加微信; the classifier; alt-profanity-check) acts fully only when an independent
# signal of the same family agrees: a term hit on other words, or a layer that does not read
# words (a hash bank, the LLM guard) acting by itself. Alone it labels at most: a stronger
# policy's action becomes a content warning, and a commercial one (spam, scam), which has no
# warning to show, does nothing: contact-sharing alone is not spam.
COMMERCIAL = frozenset({"spam", "scam"})
# Layers that read the same words as the term lists: the n-gram classifier (which also takes
# alt-profanity-check's score as a feature) and alt-profanity-check. On "the bitch had six
# puppies" all three fire on one word, so their agreement is one piece of evidence, not three:
# they never back an ambiguous hit, and are not backed by one (issue 17: holding honestly).
LEXICAL_LAYERS = frozenset({"classifier", "profanity"})
LONE_AMBIGUOUS_LABEL = "May contain offensive language"


@dataclass
class Verdict:
    action: str = Action.ALLOW
    policy: Policy | None = None
    category: str = ""
    signals: list[Signal] = field(default_factory=list)  # what triggered the action
    regions: list[str] = field(default_factory=list)  # for withhold
    label_text: str = ""
    guideline: str = ""

    @property
    def acts(self) -> bool:
        return self.action != Action.ALLOW


def active_policies() -> list[Policy]:
    policies = cache.get(POLICY_CACHE_KEY)
    if policies is None:
        policies = list(Policy.objects.filter(enabled=True))
        cache.set(POLICY_CACHE_KEY, policies, 60)
    return policies


def forget_policies() -> None:
    cache.delete(POLICY_CACHE_KEY)


def compares(policy: Policy, signal: Signal, kind: str, author_region: str) -> bool:
    """Whether this policy looks at this signal at all: every condition but the score."""
    if policy.category != signal.category:
        return False
    if policy.layer and policy.layer != signal.layer:
        return False
    if policy.applies_to and kind not in policy.applies_to:
        return False
    if policy.action != Action.WITHHOLD and policy.regions:
        return author_region.upper() in {r.upper() for r in policy.regions}
    return True


def model_threshold(signal: Signal, action: str, *, lone: bool = False) -> float | None:
    """A model's own threshold for this action and the text's language (Signal.thresholds): 0.0
    where it has none, None where it never takes the action. A lone signal (nothing agrees with
    it) is held to the model's `label_alone` where that is higher (the classifier's, chosen on
    validation data: trained/ATTRIBUTION.md; None: never alone)."""
    thresholds = signal.thresholds or {}
    if action not in thresholds:
        return 0.0
    needed = thresholds[action]
    if needed is None or not lone or "label_alone" not in thresholds:
        return needed
    alone = thresholds["label_alone"]
    return None if alone is None else max(needed, alone)


def _applies(
    policy: Policy, signal: Signal, kind: str, author_region: str, *, lone: bool = False
) -> bool:
    if signal.score < policy.min_score:
        return False
    needed = model_threshold(signal, policy.action, lone=lone)
    if needed is None or signal.score < needed:
        return False
    return compares(policy, signal, kind, author_region)


def _family(category: str) -> str:
    return "commercial" if category in COMMERCIAL else "offensive"


def _acts_alone(signal: Signal, policies: list[Policy], kind: str, author_region: str) -> bool:
    return any(
        policy.action != Action.ALLOW and _applies(policy, signal, kind, author_region)
        for policy in policies
    )


def _agreed(signal: Signal, signals, policies, kind: str, author_region: str) -> bool:
    """An independent signal of the same family backs an ambiguous one up (see COMMERCIAL and
    LEXICAL_LAYERS above): a term hit on other words, for a term; for a lexical layer, an
    unambiguous term hit; or a layer that does not read words acting by itself."""
    family = _family(signal.category)
    for other in signals:
        if other is signal or other.layer in ADVISORY_LAYERS or _family(other.category) != family:
            continue
        if other.layer in LEXICAL_LAYERS:
            continue
        if other.layer == "terms":
            if signal.layer == "terms":
                if other.rule != signal.rule and _apart(other, signal):
                    return True
            elif not other.ambiguous:
                return True
            continue
        if _acts_alone(other, policies, kind, author_region):
            return True
    return False


def is_lone(signal: Signal, signals, policies, kind: str, author_region: str) -> bool:
    """An ambiguous signal nothing independent agrees with (see _agreed): it labels at most."""
    return getattr(signal, "ambiguous", False) and not _agreed(
        signal, signals, policies, kind, author_region
    )


def _apart(one: Signal, other: Signal) -> bool:
    """Two term hits agree only where they are different words: 泥马 inside 草泥马 is one."""
    return any(
        all(span.end <= mine.start or mine.end <= span.start for mine in other.spans)
        for span in one.spans
    ) or not (one.spans and other.spans)


def decide(signals: list[Signal], *, kind: str, author_region: str = "") -> Verdict:
    """The most severe action any enabled policy takes on these signals (ties: higher score);
    a lone ambiguous term hit labels at most."""
    verdict = Verdict()
    trigger = None  # the policy behind the verdict, even when its action was capped
    best = (SEVERITY[Action.ALLOW], -1.0)
    policies = active_policies()
    for signal in signals:
        lone = is_lone(signal, signals, policies, kind, author_region)
        for policy in policies:
            if not _applies(policy, signal, kind, author_region, lone=lone):
                continue
            action, capped = policy.action, False
            if lone and SEVERITY[action] > SEVERITY[Action.LABEL]:
                if _family(signal.category) == "commercial":
                    continue
                action, capped = Action.LABEL, True
            rank = (SEVERITY[action], signal.score)
            if rank > best:
                best = rank
                trigger = policy
                verdict = Verdict(
                    action=action,
                    # A capped verdict is not the policy's: its account action must not follow.
                    policy=None if capped else policy,
                    category=policy.category,
                    regions=list(policy.regions) if action == Action.WITHHOLD else [],
                    label_text=(policy.label_text or LONE_AMBIGUOUS_LABEL)
                    if capped
                    else policy.label_text,
                    guideline=policy.guideline,
                )
    if trigger is not None:
        verdict.signals = [s for s in signals if _applies(trigger, s, kind, author_region)]
    return verdict


def advisories(signals: list[Signal]) -> list[Signal]:
    """Signals the author should hear about before posting even when no policy acts (PII)."""
    return [s for s in signals if s.layer in ADVISORY_LAYERS]


def top_score(signals) -> float:
    """The highest score of the layers that can act on content (advisories such as PII don't)."""
    return max((s.score for s in signals if s.layer not in ADVISORY_LAYERS), default=0.0)
