"""Scoring moderation against labelled data: read a text,label[,language] CSV, compute P/R/F1.

Used by `crossnote moderation eval FILE.csv` and by `manage.py moderation_train` for held-out
metrics, so both report numbers the same way.
"""

import csv
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from crossnote.language.detection import detect_language
from crossnote.moderation.detectors.classifier import AloneRecord, language_group
from crossnote.moderation.engine import (
    _applies,  # the engine's own test: scores, thresholds
    active_policies,
    decide,
)
from crossnote.moderation.models import Action
from crossnote.moderation.pipeline import text_detectors
from crossnote.moderation.selectors import screen_text

REQUIRED_COLUMNS = ("text", "label")


class LabelledRow(NamedTuple):
    text: str
    label: Hashable
    language: str


def read_labelled_csv(
    path: Path | str, label_map: Mapping[str, Hashable] | None = None, *, language: str = ""
) -> list[LabelledRow]:
    """Rows of a UTF-8 CSV with a header naming text and label (and optionally language).

    Column names are matched case-insensitively. `label_map` turns raw labels into values
    (e.g. {"0": 0, "1": 1}); a label it lacks is an error. Rows without a language column get
    `language`. Raises ValueError naming the missing columns or the line at fault.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _read_rows(path, csv.reader(handle), label_map, language)
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except csv.Error as error:
        raise ValueError(f"{path}: not a readable CSV file ({error})") from None


def _read_rows(path, reader, label_map, default_language) -> list[LabelledRow]:
    header = next(reader, None)
    if not header:
        raise ValueError(f"{path}: empty file; expected a header row text,label[,language]")
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    if missing:
        raise ValueError(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(found: {', '.join(header) or 'none'}); expected text,label[,language]"
        )
    text_at, label_at = names.index("text"), names.index("label")
    language_at = names.index("language") if "language" in names else None
    rows, line = [], reader.line_num + 1
    for record in reader:
        if any(field.strip() for field in record):
            rows.append(
                _row(path, line, record, text_at, label_at, language_at, label_map)._replace(
                    language=_cell(record, language_at) or default_language
                )
            )
        line = reader.line_num + 1  # a quoted field may span lines; report where a row starts
    return rows


def _row(path, line, record, text_at, label_at, language_at, label_map) -> LabelledRow:
    if len(record) <= max(text_at, label_at):
        raise ValueError(
            f"{path}, line {line}: {len(record)} fields, expected at least "
            f"{max(text_at, label_at) + 1}"
        )
    raw = record[label_at].strip()
    if not raw:
        raise ValueError(f"{path}, line {line}: empty label")
    if label_map is not None:
        if raw not in label_map:
            allowed = ", ".join(sorted(map(str, label_map)))
            raise ValueError(f"{path}, line {line}: unknown label {raw!r} (expected {allowed})")
        return LabelledRow(record[text_at], label_map[raw], "")
    return LabelledRow(record[text_at], raw, "")


def _cell(record, at) -> str:
    return record[at].strip() if at is not None and at < len(record) else ""


def score(
    y_true: Sequence[Hashable], y_pred: Sequence[Hashable], groups: Sequence[str] | None = None
) -> dict:
    """Accuracy and per-label precision/recall/F1/support, overall and per group (language).

    Returns {"overall": {...}, "groups": {group: {...}}}, each part shaped
    {"n", "accuracy", "labels": {label: {"precision", "recall", "f1", "support"}}}.
    A ratio with nothing to divide by is 0.0.
    """
    if len(y_true) != len(y_pred) or (groups is not None and len(groups) != len(y_true)):
        raise ValueError("y_true, y_pred and groups must have the same length")
    labels = sorted(set(y_true) | set(y_pred), key=str)
    result = {"overall": _scores(list(zip(y_true, y_pred, strict=True)), labels), "groups": {}}
    if groups is not None:
        by_group: dict[str, list] = {}
        for pair, group in zip(zip(y_true, y_pred, strict=True), groups, strict=True):
            by_group.setdefault(group, []).append(pair)
        result["groups"] = {g: _scores(pairs, labels) for g, pairs in sorted(by_group.items())}
    return result


def _scores(pairs: list[tuple[Hashable, Hashable]], labels: list[Hashable]) -> dict:
    true_counts = Counter(t for t, _ in pairs)
    pred_counts = Counter(p for _, p in pairs)
    hits = Counter(t for t, p in pairs if t == p)
    per_label = {}
    for label in labels:
        precision = _ratio(hits[label], pred_counts[label])
        recall = _ratio(hits[label], true_counts[label])
        per_label[label] = {
            "precision": precision,
            "recall": recall,
            "f1": _ratio(2 * precision * recall, precision + recall),
            "support": true_counts[label],
        }
    return {
        "n": len(pairs),
        "accuracy": _ratio(sum(hits.values()), len(pairs)),
        "labels": per_label,
    }


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


OK = "ok"


def _predict(verdict, positives: set) -> str:
    """The pipeline's answer in the file's terms: ok, the flagged category, or the only label."""
    if not verdict.acts:
        return OK
    if verdict.category in positives:
        return verdict.category
    return next(iter(positives)) if len(positives) == 1 else verdict.category


def evaluate_file(
    path, *, label_map=None, limit=None, progress=None, layer=None, threshold=None, errors=0
) -> dict:
    """Run the whole synchronous pipeline over a labelled CSV (text,label[,language]) and score
    it per label and per language. Labels map through `label_map` to "ok" or a category name;
    without a map, "0" is ok and any other label is taken as flagged-as-that-label.

    With `layer`, only that layer's signals count: a row is flagged when one of them scores at
    least `threshold`, or without a threshold where an enabled policy would act on it (its
    min_score and the model's own threshold for the text's language, as the engine checks).
    With `errors`, the report also lists the N worst false positives and false negatives with
    their scores."""
    if threshold is not None and not layer:
        raise ValueError("a threshold applies to one layer: name it with --layer")
    policies = []
    if layer:
        threshold = layer_threshold(layer, threshold)
        policies = acting_policies(layer) if threshold is None else []
    raw = read_labelled_csv(path)
    if not raw:  # a header alone scored "n=0 accuracy=0.000" and exit 0, as if it had run
        raise ValueError(f"{path}: no labelled rows after the header text,label[,language]")
    rows = raw[:limit] if limit else raw
    mapping = dict(label_map or {})
    mapping.setdefault("0", OK)
    truth = [str(mapping.get(str(row.label), row.label)) for row in rows]
    positives = {label for label in truth if label != OK} or {"flagged"}
    predicted, languages, seen = [], [], []
    for index, row in enumerate(rows, start=1):
        language = row.language or detect_language(row.text).code
        signals, verdict = screen_text(row.text, kind="note", language=language)
        if layer:
            predicted.append(_predict_layer(signals, layer, threshold, policies, positives))
        else:
            predicted.append(_predict(verdict, positives))
        languages.append(language or "und")
        if errors:
            seen.append(_seen(row, signals, verdict, layer))
        if progress is not None and index % 500 == 0:
            progress.write(f"{index}/{len(rows)}\n")
    report = score(truth, predicted, groups=languages)
    if layer:
        report["layer"] = {"name": layer, "threshold": threshold}
    if errors:
        report["errors"] = worst_errors(seen, truth, predicted, errors)
    report["text"] = format_report(report)
    return report


def format_report(report: dict) -> str:
    lines = []
    for title, part in [("all", report["overall"]), *report["groups"].items()]:
        lines.append(f"{title}: n={part['n']} accuracy={part['accuracy']:.3f}")
        for label, stats in part["labels"].items():
            lines.append(
                f"  {label!s:<14} precision={stats['precision']:.3f} recall={stats['recall']:.3f} "
                f"f1={stats['f1']:.3f} support={stats['support']}"
            )
    if "layer" in report:
        layer = report["layer"]
        at = (
            f"at score >= {layer['threshold']:.2f}"
            if layer["threshold"] is not None
            else "where an enabled policy would act on its signal"
        )
        lines.insert(0, f"layer {layer['name']} alone, flagged {at}")
    if "errors" in report:
        lines.extend(format_errors(report["errors"]))
    return "\n".join(lines)


def offensive_metrics(model, rows: Sequence[LabelledRow]) -> dict:
    """Precision/recall/F1 of the offensive class and accuracy of a model (anything with
    `score_many(texts)`) on rows labelled 1/0, at p ≥ 0.5."""
    predicted = (model.score_many([r.text for r in rows]) >= 0.5).astype(int).tolist()
    result = score([r.label for r in rows], predicted)["overall"]
    offensive = result["labels"].get(1, {"precision": 0.0, "recall": 0.0, "f1": 0.0})
    return {
        "precision": round(offensive["precision"], 4),
        "recall": round(offensive["recall"], 4),
        "f1": round(offensive["f1"], 4),
        "accuracy": round(result["accuracy"], 4),
        "n": result["n"],
    }


# --- one layer alone, and the worst errors (`crossnote moderation eval --layer/--errors`) -------

ADVISORY_LAYERS = {"pii"}  # they warn the author and never act; not a measure of "how close"


def known_layers() -> list[str]:
    """The layers whose signals the synchronous pipeline produces (hash, terms, classifier...)."""
    names = {"hash"}  # the text hash list's detector has no name of its own
    for detector in text_detectors():
        name = getattr(detector, "layer", None) or getattr(detector, "name", None)
        if name and name != "text":
            names.add(name)
    return sorted(names)


def layer_threshold(layer: str, threshold: float | None = None) -> float | None:
    """Check a layer name and a threshold (0..1) for scoring one layer alone. None means "where
    the policies act": each signal is held to the thresholds the engine would apply to it."""
    layers = known_layers()
    if layer not in layers:
        raise ValueError(f"unknown layer {layer!r}; layers: {', '.join(layers)}")
    if threshold is None:
        return None
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold} is outside 0..1 (signals score 0 to 1)")
    return float(threshold)


def acting_policies(layer: str) -> list:
    """Enabled policies that take an action on this layer's signals (theirs or any layer's)."""
    return [p for p in active_policies() if p.action != Action.ALLOW and p.layer in (layer, "")]


def _flags(signal, threshold: float | None, policies) -> bool:
    if threshold is not None:
        return signal.score >= threshold
    return any(_applies(policy, signal, "note", "") for policy in policies)


def _predict_layer(signals, layer: str, threshold: float | None, policies, positives) -> str:
    flagging = [s for s in signals if s.layer == layer and _flags(s, threshold, policies)]
    if not flagging:
        return OK
    best = max(flagging, key=lambda s: s.score)
    if best.category in positives:
        return best.category
    return next(iter(positives)) if len(positives) == 1 else best.category


class _Seen(NamedTuple):
    text: str
    language: str
    score: float  # the layer's score, or the pipeline's strongest signal
    action: str
    layer_scores: dict


def _seen(row: LabelledRow, signals, verdict, layer) -> _Seen:
    per_layer: dict[str, float] = {}
    for signal in signals:
        per_layer[signal.layer] = max(per_layer.get(signal.layer, 0.0), float(signal.score))
    if layer:
        strongest = per_layer.get(layer, 0.0)
    elif verdict.acts:
        strongest = max((s.score for s in verdict.signals), default=0.0)
    else:
        strongest = max((v for k, v in per_layer.items() if k not in ADVISORY_LAYERS), default=0.0)
    return _Seen(row.text, row.language, float(strongest), str(verdict.action), per_layer)


def worst_errors(seen: Sequence[_Seen], truth, predicted, n: int) -> dict:
    """The n false positives with the highest scores and the n false negatives with the lowest
    (a row whose truth and prediction are both flagged, under different names, is neither)."""
    positives, negatives = [], []
    for item, t, p in zip(seen, truth, predicted, strict=True):
        entry = {
            "text": item.text,
            "truth": t,
            "predicted": p,
            "score": round(item.score, 4),
            "action": item.action,
            "layer_scores": {k: round(v, 4) for k, v in sorted(item.layer_scores.items())},
        }
        if t == OK and p != OK:
            positives.append(entry)
        elif t != OK and p == OK:
            negatives.append(entry)
    positives.sort(key=lambda e: -e["score"])
    negatives.sort(key=lambda e: e["score"])
    return {
        "false_positives": positives[:n],
        "false_positives_total": len(positives),
        "false_negatives": negatives[:n],
        "false_negatives_total": len(negatives),
    }


def format_errors(errors: dict) -> list[str]:
    lines = []
    for key, title in (
        ("false_positives", "false positives"),
        ("false_negatives", "false negatives"),
    ):
        shown, total = errors[key], errors[f"{key}_total"]
        lines.append(f"{title}: {total}" + (f" (worst {len(shown)})" if shown else ""))
        for entry in shown:
            scores = " ".join(f"{k}={v:.2f}" for k, v in entry["layer_scores"].items()) or "-"
            lines.append(
                f"  {entry['score']:.2f} {entry['truth']}→{entry['predicted']} "
                f"({entry['action']}) [{scores}] {entry['text']!r}"
            )
    return lines


# --- what the classifier adds alone (manage.py moderation_fit_alone) -----------------------------


def pipeline_records(rows: Sequence[LabelledRow], *, progress=None) -> list[AloneRecord]:
    """Each labelled row (label 0/1) through the whole synchronous pipeline, language detected
    as `evaluate_file` does: the classifier's score, its language group and label threshold,
    and whether the verdict acts without the classifier's signal (classifier.fit_alone_thresholds
    reads these)."""
    records: list[AloneRecord] = []
    for index, row in enumerate(rows, start=1):
        language = detect_language(row.text).code
        signals, _verdict = screen_text(row.text, kind="note", language=language)
        mine = [s for s in signals if s.layer == "classifier"]
        rest = decide([s for s in signals if s.layer != "classifier"], kind="note")
        records.append(
            {
                "label": int(str(row.label)),
                "group": language_group(row.text, language),
                "score": round(float(mine[0].score), 5) if mine else 0.0,
                "label_at": float(mine[0].thresholds.get("label", 0.5)) if mine else 1.0,
                "rest_acts": bool(rest.acts),
            }
        )
        if progress is not None and index % 1000 == 0:
            progress.write(f"{index}/{len(rows)}\n")
    return records
