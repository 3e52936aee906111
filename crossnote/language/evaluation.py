"""Translation quality you can see: score engines on a parallel file with chrF and BLEU.

A parallel file is TSV (one pair a line; a header row naming the languages, e.g. `zh<TAB>en`,
lets one file serve both directions; without one the columns are source then reference; `#`
lines are comments) or JSONL (one object a line, keyed by language code, or "source" and
"reference"). Each engine that supports the pair translates every source sentence directly
(not through the cache, so scoring never fills it), and the chain is scored as readers get it:
the first engine that answers.

The offline dictionary is a word-by-word learner's view, not a sentence: it is scored on its
gloss string (the glosses in order), labelled as such, and never compared as a translation.
Scores come from sacrebleu (chrF on a 0-1 scale here, as the issue tracker quotes it; BLEU
0-100, with its Chinese tokeniser for Chinese references). Without sacrebleu, chrF is computed
here (the same definition: character 6-grams, β = 2) and BLEU is left out.
"""

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crossnote.language import backends

GLOSS_NOTE = "word-by-word gloss string, not a translation"


class EvaluationError(ValueError):
    """A parallel file or a request that cannot be scored (message for the operator)."""


@dataclass
class EngineScore:
    name: str
    label: str
    is_gloss: bool
    chrf: float | None = None  # 0-1
    bleu: float | None = None  # 0-100
    sentences: int = 0
    failed: int = 0
    seconds: float = 0.0
    outputs: list[str | None] = field(default_factory=list)
    supported: bool = True

    @property
    def note(self) -> str:
        if not self.supported:
            return "does not translate this pair here (not installed or configured)"
        return GLOSS_NOTE if self.is_gloss else ""


def load_pairs(path: str | Path, source: str, target: str) -> list[tuple[str, str]]:
    """(source sentence, reference) pairs from a TSV or JSONL parallel file."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"Cannot read {path}: {exc}") from exc
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        raise EvaluationError(f"{path} has no sentence pairs.")
    if path.suffix in (".jsonl", ".json"):
        pairs = _jsonl_pairs(lines, source, target)
    else:
        pairs = _tsv_pairs(lines, source, target)
    pairs = [(s.strip(), r.strip()) for s, r in pairs if s.strip() and r.strip()]
    if not pairs:
        raise EvaluationError(f"{path} has no {source}→{target} sentence pairs.")
    return pairs


def _tsv_pairs(lines: list[str], source: str, target: str) -> list[tuple[str, str]]:
    header = [cell.strip().lower() for cell in lines[0].split("\t")]
    if all(re.fullmatch(r"[a-z]{2,3}(?:-[a-z]+)?", cell) for cell in header):
        if source not in header or target not in header:
            names = ", ".join(header)
            raise EvaluationError(f"The file has no {source}→{target} columns (it has {names}).")
        s, t = header.index(source), header.index(target)
        rows = [line.split("\t") for line in lines[1:]]
    else:
        s, t = 0, 1
        rows = [line.split("\t") for line in lines]
    bad = next((n for n, row in enumerate(rows, 1) if len(row) <= max(s, t)), None)
    if bad is not None:
        raise EvaluationError(f"Line {bad} does not have {max(s, t) + 1} tab-separated columns.")
    return [(row[s], row[t]) for row in rows]


def _jsonl_pairs(lines: list[str], source: str, target: str) -> list[tuple[str, str]]:
    pairs = []
    for number, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise EvaluationError(f"Line {number} is not JSON: {exc}") from exc
        if not isinstance(row, dict):
            raise EvaluationError(f"Line {number} is not a JSON object.")
        if source in row and target in row:
            pairs.append((str(row[source]), str(row[target])))
        elif "source" in row and "reference" in row:
            pairs.append((str(row["source"]), str(row["reference"])))
        else:
            raise EvaluationError(
                f'Line {number} has neither "{source}"/"{target}" nor "source"/"reference".'
            )
    return pairs


# --- metrics ----------------------------------------------------------------------------------


def chrf(hypotheses: list[str], references: list[str]) -> float:
    """Corpus chrF (0-1): sacrebleu's when installed, else the same definition computed here."""
    try:
        from sacrebleu.metrics import CHRF
    except ImportError:
        return _chrf(hypotheses, references)
    return CHRF().corpus_score(hypotheses, [references]).score / 100


def bleu(hypotheses: list[str], references: list[str], target: str) -> float | None:
    """Corpus BLEU (0-100) with sacrebleu (its "zh" tokeniser for Chinese); None without it."""
    try:
        from sacrebleu.metrics import BLEU
    except ImportError:
        return None
    tokenize = "zh" if target == "zh" else "13a"
    return BLEU(tokenize=tokenize).corpus_score(hypotheses, [references]).score


def _chrf(hypotheses: list[str], references: list[str], order: int = 6, beta: float = 2) -> float:
    """chrF (Popović 2015) as sacrebleu computes it: character n-gram statistics (whitespace
    removed) summed over the corpus per order, precision and recall averaged over orders."""
    matches = [0] * order
    hyp_total = [0] * order
    ref_total = [0] * order
    for hypothesis, reference in zip(hypotheses, references, strict=True):
        hyp, ref = "".join(hypothesis.split()), "".join(reference.split())
        for n in range(1, order + 1):
            hyp_grams = Counter(hyp[i : i + n] for i in range(len(hyp) - n + 1))
            ref_grams = Counter(ref[i : i + n] for i in range(len(ref) - n + 1))
            matches[n - 1] += sum((hyp_grams & ref_grams).values())
            hyp_total[n - 1] += sum(hyp_grams.values())
            ref_total[n - 1] += sum(ref_grams.values())
    precisions, recalls = [], []
    for n in range(order):
        if hyp_total[n] and ref_total[n]:
            precisions.append(matches[n] / hyp_total[n])
            recalls.append(matches[n] / ref_total[n])
    if not precisions:
        return 0.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if p + r == 0:
        return 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r)


# --- running engines --------------------------------------------------------------------------


def engines_named(names: list[str] | None) -> list:
    """The configured engines with these names, in this order (default: the chain)."""
    if not names:
        return backends.chain()
    unknown = [name for name in names if name not in backends.REGISTRY]
    if unknown:
        known = ", ".join(backends.REGISTRY)
        raise EvaluationError(f"Unknown engine {unknown[0]!r}; engines: {known}.")
    return [backends.get_backend(name) for name in names]


def _outputs(backend, sources: list[str], source: str, target: str) -> list[str | None]:
    """Each sentence through one engine; None where it failed. A gloss engine gives its gloss
    string (the glosses in order)."""
    from crossnote.language.backends.dictionary import gloss_words

    out: list[str | None] = []
    for sentence in sources:
        try:
            if backend.info.is_gloss:
                out.append(gloss_words(backend.gloss_batch([sentence], source, target)[0], target))
            else:
                out.append(backend.translate_batch([sentence], source, target)[0])
        except backends.BackendUnavailable:
            out.append(None)
    return out


def _score(score: EngineScore, references: list[str], target: str) -> EngineScore:
    done = [(h, r) for h, r in zip(score.outputs, references, strict=True) if h is not None]
    score.sentences, score.failed = len(done), len(references) - len(done)
    if done:
        hypotheses, refs = [h for h, _ in done], [r for _, r in done]
        score.chrf = chrf(hypotheses, refs)
        score.bleu = bleu(hypotheses, refs, target)
    return score


def evaluate(
    pairs: list[tuple[str, str]], source: str, target: str, engines: list | None = None
) -> list[EngineScore]:
    """Scores of each engine that supports source→target, then of the chain as a whole (the
    first engine that answers each sentence), in that order."""
    engines = engines_named(None) if engines is None else engines
    ready = [b for b in engines if b.supports(source, target)]
    if not ready:
        raise EvaluationError(f"No engine here translates {source}→{target}.")
    sources = [s for s, _ in pairs]
    references = [r for _, r in pairs]
    scores = []
    for backend in engines:
        if backend not in ready:
            info = backend.info
            scores.append(EngineScore(info.name, str(info.label), info.is_gloss, supported=False))
            continue
        started = time.perf_counter()
        outputs = _outputs(backend, sources, source, target)
        score = EngineScore(
            backend.info.name, str(backend.info.label), backend.info.is_gloss, outputs=outputs
        )
        score.seconds = time.perf_counter() - started
        scores.append(_score(score, references, target))
    skipped = [s for s in scores if not s.supported]
    scores = [s for s in scores if s.supported]
    if len(scores) > 1:
        chained = [
            next((s.outputs[i] for s in scores if s.outputs[i]), None) for i in range(len(sources))
        ]
        first = [next((s for s in scores if s.outputs[i]), None) for i in range(len(sources))]
        chain = EngineScore(
            "chain",
            " → ".join(s.name for s in scores),
            is_gloss=any(s is not None and s.is_gloss for s in first),
            outputs=chained,
            seconds=sum(s.seconds for s in scores),
        )
        scores.append(_score(chain, references, target))
    return scores + skipped


def report(
    pairs: list[tuple[str, str]],
    scores: list[EngineScore],
    source: str,
    target: str,
    examples: int = 3,
) -> list[str]:
    """The scores as a table, then a few examples: lines to print."""
    lines = [f"{len(pairs)} sentence pairs, {source}→{target}", ""]
    lines.append(f"{'engine':<14} {'chrF':>6} {'BLEU':>6} {'ok':>5} {'s/sent':>7}  note")
    for s in scores:
        chrf_text = f"{s.chrf:.2f}" if s.chrf is not None else "—"
        bleu_text = f"{s.bleu:.1f}" if s.bleu is not None else "—"
        per = s.seconds / max(1, s.sentences + s.failed)
        lines.append(
            f"{s.name:<14} {chrf_text:>6} {bleu_text:>6} {s.sentences:>5} {per:>7.3f}  {s.note}"
        )
    scores_run = [s for s in scores if s.supported]
    if any(s.is_gloss for s in scores_run):
        lines += [
            "",
            "The dictionary engine is a word-by-word learner's view, not a translation: its row "
            "scores the gloss string, and readers see it labelled as glosses.",
        ]
    if scores_run and all(s.bleu is None for s in scores_run):
        lines += ["", "BLEU needs sacrebleu (pip install sacrebleu); chrF computed here."]
    step = max(1, len(pairs) // max(1, examples))
    for index in list(range(0, len(pairs), step))[:examples]:
        lines += ["", f"source:    {pairs[index][0]}", f"reference: {pairs[index][1]}"]
        for s in scores_run:
            if s.name != "chain":
                shown = s.outputs[index] if s.outputs[index] is not None else "(failed)"
                lines.append(f"{s.name + ':':<10} {shown}")
    return lines
