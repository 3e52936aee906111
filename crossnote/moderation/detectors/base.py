"""What every detector produces: signals with a category, a score and the evidence.

A detector looks at one piece of content (text, or an image's bytes/hash) and returns zero or
more Signals. It never decides: the policy engine turns signals into an action. Each signal says
which layer produced it and which rule, term list, hash bank or model version, and where in the
text the evidence is, so the decision can be explained to the author and to a moderator.
"""

from dataclasses import asdict, dataclass, field, fields

# Every layer a detector signals from (Signal.layer): a policy's `layer` names one of these or is
# empty (any layer); one spelled otherwise would match no signal and never act.
LAYERS = ("hash", "terms", "classifier", "profanity", "llm_guard", "pii")


@dataclass(frozen=True)
class Span:
    """Evidence in the ORIGINAL text (not the normalised one): text[start:end]."""

    start: int
    end: int
    text: str


@dataclass
class Signal:
    layer: str  # one of LAYERS
    category: str  # a slug from crossnote.moderation.categories (or an operator's own)
    score: float  # 0..1; 1.0 for exact matches
    rule: str  # e.g. "terms:zh-insults#42", "classifier:ngram-2026-11-27", "pdq:bank-3#17"
    spans: list[Span] = field(default_factory=list)
    detail: str = ""  # short human-readable note, e.g. the matched term or "distance 12"
    # An ambiguous term hit ("retard", 去死, "sb"): alone it labels at most (engine.decide).
    ambiguous: bool = False
    # A model's own thresholds for this text, chosen on validation data, per action, e.g.
    # {"label": 0.41, "hold": None}: a policy with that action needs score ≥ both its min_score
    # and this (None: the model never takes the action alone). See engine._applies.
    thresholds: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Signal":
        """A signal as stored (`as_dict`, e.g. a decision's), keys it no longer has left out."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["spans"] = [Span(**span) for span in values.get("spans") or []]
        return cls(**values)


class TextDetector:
    """Looks at text. `language` is the detected code (zh, en, mixed, und...); `region` the
    author's ISO 3166 country code (for region-scoped lists), possibly empty."""

    name = "text"

    def detect(self, text: str, *, language: str = "", region: str = "") -> list[Signal]:
        raise NotImplementedError
