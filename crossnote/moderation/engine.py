"""The policy engine: signals in, one verdict out. Policies are data (admin and YAML)."""

from dataclasses import dataclass, field

from django.core.cache import cache

from crossnote.moderation.detectors.base import Signal
from crossnote.moderation.models import SEVERITY, Action, Policy

POLICY_CACHE_KEY = "moderation:policies"
ADVISORY_LAYERS = {"pii"}  # the author is warned; these never act on content by themselves


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


def _applies(policy: Policy, signal: Signal, kind: str, author_region: str) -> bool:
    if policy.category != signal.category or signal.score < policy.min_score:
        return False
    if policy.layer and policy.layer != signal.layer:
        return False
    if policy.applies_to and kind not in policy.applies_to:
        return False
    if policy.action != Action.WITHHOLD and policy.regions:
        return author_region.upper() in {r.upper() for r in policy.regions}
    return True


def decide(signals: list[Signal], *, kind: str, author_region: str = "") -> Verdict:
    """The most severe action any enabled policy takes on these signals (ties: higher score)."""
    verdict = Verdict()
    best = (SEVERITY[Action.ALLOW], -1.0)
    for signal in signals:
        for policy in active_policies():
            if not _applies(policy, signal, kind, author_region):
                continue
            rank = (SEVERITY[policy.action], signal.score)
            if rank > best:
                best = rank
                verdict = Verdict(
                    action=policy.action,
                    policy=policy,
                    category=policy.category,
                    regions=list(policy.regions) if policy.action == Action.WITHHOLD else [],
                    label_text=policy.label_text,
                    guideline=policy.guideline,
                )
    if verdict.policy is not None:
        verdict.signals = [s for s in signals if _applies(verdict.policy, s, kind, author_region)]
    return verdict


def advisories(signals: list[Signal]) -> list[Signal]:
    """Signals the author should hear about before posting even when no policy acts (PII)."""
    return [s for s in signals if s.layer in ADVISORY_LAYERS]
