"""The learning loop: the AI learns from the experts who correct it.

Every human decision in the review queue is a labelled example. `train_version()` trains a new
classifier version from them (plus the shipped starter data where it is present), measures it
beside the active version on decisions neither has seen, and stores it inactive; an operator then
activates it or rolls back. The examples come from crossnote.moderation.datasets; agreement
between the AI and the moderators is read in crossnote.moderation.selectors.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput, NotFound
from crossnote.moderation import pipeline
from crossnote.moderation.datasets import (
    STARTER_FILES,
    TRAIN_SPLITS,
    VALIDATION_SPLITS,
    decision_examples,
    default_data_dir,
    starter_splits,
)
from crossnote.moderation.detectors import classifier
from crossnote.moderation.evaluation import LabelledRow
from crossnote.moderation.model_store import SHIPPED, local_model_file, model_of, store_model
from crossnote.moderation.models import AuditEntry, ClassifierVersion
from crossnote.moderation.services.enforcement import audit

# A moderator's decision counts as much as this many starter rows: there are few of them, and
# they are the platform's own norms rather than another site's.
DECISION_WEIGHT = 5


# --- labelled examples ------------------------------------------------------------------------


def _labels(rows: Sequence[LabelledRow]) -> list[int]:
    """The rows' labels: 1 offensive, 0 not (every reader in datasets gives ints)."""
    return [int(cast(int, row.label)) for row in rows]


def _columns(rows: list[LabelledRow]) -> list[tuple[str, int, str]]:
    """Labelled rows as the classifier takes them: (text, label 0/1, language), as they are."""
    return cast(list[tuple[str, int, str]], rows)


def _held_out(key: tuple[str, int], seed: int, share: float) -> bool:
    """A stable split: the same decision is held out in every run with this seed, so no
    version trained here has seen the decisions another version is measured on."""
    digest = hashlib.sha256(f"{seed}:{key[0]}:{key[1]}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


# --- training ---------------------------------------------------------------------------------


def train_version(
    *,
    starter_dir: Path | str | None = None,
    seed: int = 0,
    holdout: float = 0.2,
    fine_tune: bool | None = None,
    starter_rows: list[LabelledRow] | None = None,
    ngram_settings: classifier.NgramSettings | None = None,
) -> ClassifierVersion:
    """Train a classifier version on moderators' decisions and store it, not active.

    With the starter data (COLD + Davidson, `starter_dir` or the copy shipped in the package,
    or `starter_rows`), the model is retrained from scratch on it plus the decisions, each counted
    DECISION_WEIGHT times. Without it (a folder without the files), or with
    `fine_tune=True`, the shipped model is fine-tuned: its weights stay as they are and a
    correction is learnt from the decisions alone, held near zero by the same L2 penalty, so the
    starter data's knowledge is kept in the weights rather than re-learnt. Both versions are
    scored on the same held-out decisions; the row's metrics hold both.
    """
    examples = decision_examples()
    if not examples:
        raise InvalidInput(_("No human decisions to learn from yet."))
    train_rows = [row for key, row in examples.items() if not _held_out(key, seed, holdout)]
    held_out = [row for key, row in examples.items() if _held_out(key, seed, holdout)]
    if not train_rows:
        raise InvalidInput(_("Every decision was held out; decide more items first."))
    active = active_version()
    if starter_rows is not None:
        model, extra = _retrain(starter_rows, train_rows, ngram_settings, seed, "given rows")
    elif (data_dir := _starter_dir(starter_dir, fine_tune)) is not None:
        model, extra = _retrain_on_starter(data_dir, train_rows, ngram_settings, seed)
    else:
        base = classifier.get_model()
        C = (ngram_settings or classifier.NgramSettings()).C
        model = fine_tune_model(base, train_rows, C=C)
        extra = {"mode": "fine-tune", "base": base.version}
    metrics = {
        **extra,
        "seed": seed,
        "decisions": {"train": len(train_rows), "held_out": len(held_out)},
        "held_out": {
            "new": {"version": model.version, **_scores(model, held_out)},
            "active": {"version": active.version, **_scores(model_of(active), held_out)},
        },
    }
    model.metrics.update(metrics)
    relative = Path("classifiers") / f"{model.version}.npz"
    store_model(model, str(relative))
    row, _created = ClassifierVersion.objects.update_or_create(
        version=model.version, defaults={"path": str(relative), "metrics": metrics}
    )
    return row


def _starter_dir(starter_dir: Path | str | None, fine_tune: bool | None) -> Path | None:
    """Where the starter data is, or None to fine-tune the shipped model instead."""
    if fine_tune:
        return None
    data_dir = Path(starter_dir) if starter_dir is not None else default_data_dir()
    if all((data_dir / name).is_file() for name in STARTER_FILES):
        return data_dir
    if starter_dir is not None or fine_tune is False:
        raise InvalidInput(_("No starter data in %(dir)s.") % {"dir": data_dir})
    return None


def _scores(model: classifier.OffensiveModel, rows: list[LabelledRow]) -> dict:
    """Each model at its own label thresholds (the engine labels from there)."""
    if not rows:
        return {"n": 0}
    flags = model.flags([row.text for row in rows], [row.language for row in rows])
    return classifier.binary_metrics(_labels(rows), cast(Sequence[int], flags))


def _retrain_on_starter(data_dir: Path, decisions, ngram_settings, seed):
    splits = starter_splits(data_dir, seed)
    model = train_starter_model(
        splits,
        list(decisions) * DECISION_WEIGHT,
        settings=ngram_settings,
        seed=seed,
        description=f"starter data ({data_dir}) + {len(decisions):,} moderator decisions "
        f"×{DECISION_WEIGHT}",
    )
    starter = sum(len(splits[name]) for name in TRAIN_SPLITS.values() if name in splits)
    extra = {"mode": "retrain", "starter_rows": starter}
    extra.update({name: model.metrics[name] for name in EVALUATED_SPLITS if name in model.metrics})
    return model, extra


# Splits every starter-trained model is scored on, at its own thresholds.
EVALUATED_SPLITS = (
    "cold_dev",
    "davidson_held_out",
    "olid_validation",
    "cold_test",
    "davidson_test",
    "olid_held_out",
)


def train_starter_model(
    splits: dict[str, list[LabelledRow]],
    extra_rows: Sequence[LabelledRow] = (),
    *,
    settings: classifier.NgramSettings | None = None,
    seed: int = 0,
    description: str = "",
    train_on: dict[str, str] | None = None,
    validate_on: dict[str, tuple[str, ...]] | None = None,
    stack: bool = False,
    ngram: classifier.OffensiveModel | None = None,
    group_hidden: dict[str, int] | None = None,
    own: dict[str, list[LabelledRow]] | None = None,
    quiet: Sequence[LabelledRow] = (),
) -> classifier.OffensiveModel:
    """Train on the starter splits (TRAIN_SPLITS, each source weighted per label) plus
    `extra_rows`, then calibrate and choose thresholds on the validation splits
    (VALIDATION_SPLITS) and score the model at them on every split it was not trained on.

    `stack`: also learn the sentence-embedding stack (classifier.fit_stack) on the same rows;
    its thresholds replace the n-gram model's; `group_hidden` gives language groups heads of
    their own (classifier.fit_stack). `ngram`: reuse this n-gram model's weights instead of
    fitting them again (it must have been trained on the same splits and seed). `own`: the
    project's own case sets (datasets.own_cases) for the stack (classifier.fit_stack); the
    n-grams do not read them. `quiet`: texts the stack's label thresholds must clear (the own
    sets' newcomer posts)."""
    train_on = TRAIN_SPLITS if train_on is None else train_on
    validate_on = VALIDATION_SPLITS if validate_on is None else validate_on
    rows, sources = [], []
    for source, name in train_on.items():
        rows += splits.get(name, [])
        sources += [source] * len(splits.get(name, []))
    rows += list(extra_rows)
    sources += ["extra"] * len(extra_rows)
    used = [name for name in train_on.values() if name in splits]
    description = description or " + ".join(f"{name} ({len(splits[name]):,})" for name in used)
    if ngram is not None:
        model = _reused(ngram, used, seed, description)
    else:
        model = classifier.train(
            _columns(rows), settings=settings, seed=seed, sources=sources, description=description
        )
    validation = {
        group: {name: splits[name] for name in names if splits.get(name)}
        for group, names in validate_on.items()
    }
    classifier.fit_thresholds(model, validation)
    if stack:
        classifier.fit_stack(
            model,
            _columns(rows),
            validation,
            seed=seed,
            sources=sources,
            group_hidden=group_hidden,
            own=_columns_of(own),
            quiet=_columns(list(quiet)),
        )
        model.version = model.version.replace("ngram-", "stack-", 1)
        if own:
            model.version = _with_own(model.version, own)
            model.training_data += (
                " + own cases ("
                + ", ".join(f"{name} {len(rows):,}" for name, rows in own.items())
                + "; stack only)"
            )
    for name, split in splits.items():
        if name not in used and split:
            flags = model.flags([row.text for row in split], [row.language for row in split])
            model.metrics[name] = classifier.binary_metrics(
                _labels(split), cast(Sequence[int], flags)
            )
    model.metrics.update(seed=seed, trained_on=used)
    return model


def _columns_of(own: dict[str, list[LabelledRow]] | None) -> dict | None:
    return {name: _columns(rows) for name, rows in own.items()} if own else None


def _with_own(version: str, own: dict[str, list[LabelledRow]]) -> str:
    """`version` with its digest taken over the own cases too: another model, another name."""
    stem, digest = version.rsplit("-", 1)
    rows = [[name, *row] for name, rows in sorted(own.items()) for row in rows]
    mixed = hashlib.sha256(json.dumps([digest, rows], ensure_ascii=False).encode()).hexdigest()
    return f"{stem}-{mixed[:8]}"


def _reused(
    base: classifier.OffensiveModel, used: list[str], seed: int, description: str
) -> classifier.OffensiveModel:
    """A copy of `base`'s n-gram weights, refused unless it was trained on `used` with `seed`
    and the current normalisation."""
    if base.metrics.get("trained_on") != used or base.metrics.get("seed") != seed:
        raise ValueError(f"{base.version} was not trained on {used} with seed {seed}")
    if base.metrics.get("normalise") != classifier.normalise_fingerprint():
        raise ValueError(f"{base.version} was trained with another normalisation")
    digest = hashlib.sha256(f"{base.version}:stack".encode()).hexdigest()[:8]
    return classifier.OffensiveModel(
        coef=base.coef,
        intercept=base.intercept,
        vectorizer_params=dict(base.vectorizer_params),
        version=f"ngram-{datetime.now(UTC):%Y-%m-%d}-{digest}",
        training_data=f"{description} (n-gram weights of {base.version})",
        metrics={k: base.metrics[k] for k in ("settings", "normalise") if k in base.metrics},
    )


def _retrain(starter, decisions, ngram_settings, seed, source):
    """Retrain from scratch: repeating a row is the same as weighting it in logistic loss."""
    rows = list(starter) + list(decisions) * DECISION_WEIGHT
    description = (
        f"{len(starter):,} starter rows ({source}) + {len(decisions):,} moderator decisions "
        f"×{DECISION_WEIGHT}"
    )
    model = classifier.train(rows, settings=ngram_settings, seed=seed, description=description)
    return model, {"mode": "retrain", "starter_rows": len(starter)}


def fine_tune_model(
    base: classifier.OffensiveModel, rows: list[LabelledRow], *, C: float
) -> classifier.OffensiveModel:
    """The base model plus an L2-penalised correction learnt from `rows` alone.

    Minimises C·Σ wᵢ·logloss(yᵢ, base_logitᵢ + xᵢ·d) + ½‖d‖² over the n-grams the rows contain
    (all other weights keep their gradient at zero, so they stay as shipped). The intercept is
    left alone: reports skew towards bad content, and moving it would shift every score.
    """
    # scipy is loaded when a model is fine-tuned, not by every process that screens content.
    from scipy.optimize import minimize
    from scipy.special import expit

    texts = [classifier.prepare_text(row.text) for row in rows]
    y = np.asarray(_labels(rows), dtype=np.float64)
    matrix = base.vectorizer.transform(texts).tocsr()
    used = np.unique(matrix.indices)
    x = matrix[:, used]
    offset = x @ base.coef[used].astype(np.float64) + base.intercept
    # Each label weighs the same in total, then DECISION_WEIGHT as in retraining.
    counts = {label: int((y == label).sum()) for label in (0.0, 1.0)}
    groups = sum(1 for n in counts.values() if n)
    w = np.asarray([len(y) / (groups * counts[label]) for label in y]) * DECISION_WEIGHT

    def objective(d):
        z = offset + x @ d
        loss = C * float(w @ (np.logaddexp(0.0, z) - y * z)) + 0.5 * float(d @ d)
        return loss, C * (x.T @ (w * (expit(z) - y))) + d

    result = minimize(objective, np.zeros(len(used)), jac=True, method="L-BFGS-B")
    coef = base.coef.copy()
    coef[used] += result.x.astype(np.float32)
    digest = hashlib.sha256(
        json.dumps([base.version, texts, y.tolist(), C, DECISION_WEIGHT]).encode()
    ).hexdigest()[:8]
    return classifier.OffensiveModel(
        coef=coef.astype(np.float16).astype(np.float32),  # what save() stores
        intercept=base.intercept,
        vectorizer_params=dict(base.vectorizer_params),
        version=f"ngram-{datetime.now(UTC):%Y-%m-%d}-{digest}",
        training_data=f"{base.version} fine-tuned on {len(rows):,} moderator decisions",
        metrics={
            "settings": base.metrics.get("settings", {}),
            "C": C,
            # The correction is small and held near zero: the base model's calibration and
            # thresholds still apply.
            **{
                key: base.metrics[key]
                for key in ("calibration", "thresholds", "threshold_objective", "stack")
                if key in base.metrics
            },
        },
        stack=base.stack,
    )


# --- versions ---------------------------------------------------------------------------------


def ensure_shipped() -> ClassifierVersion:
    """The model shipped in the package, as version "shipped" (active unless another is)."""
    row = ClassifierVersion.objects.filter(version=SHIPPED).first()
    if row is None:
        shipped = classifier.get_model()
        metrics = {
            key: shipped.metrics[key]
            for key in (*EVALUATED_SPLITS, "thresholds")
            if key in shipped.metrics
        }
        row, _created = ClassifierVersion.objects.get_or_create(
            version=SHIPPED,
            defaults={
                "path": "",
                "metrics": {"model_version": shipped.version, **metrics},
                "active": not ClassifierVersion.objects.filter(active=True).exists(),
            },
        )
    return row


def active_version() -> ClassifierVersion:
    ensure_shipped()
    return ClassifierVersion.objects.filter(active=True).first() or ensure_shipped()


def activate_version(version: str, *, by=None) -> ClassifierVersion:
    """Make `version` the one the pipeline uses; exactly one version is active."""
    return _activate(version, by=by, action="classifier:activate")


def _activate(version: str, *, by, action: str) -> ClassifierVersion:
    ensure_shipped()
    with transaction.atomic():
        rows = ClassifierVersion.objects.select_for_update()
        row = rows.filter(version=version).first()
        if row is None:
            raise NotFound(_("No classifier version “%(v)s”.") % {"v": version})
        if row.path and local_model_file(row.path) is None:
            raise InvalidInput(_("The model file of “%(v)s” is missing.") % {"v": version})
        previous = rows.filter(active=True).exclude(pk=row.pk).first()
        rows.filter(active=True).exclude(pk=row.pk).update(active=False)
        if not row.active:
            row.active = True
            row.save(update_fields=["active", "updated_at"])
        audit(
            by,
            action,
            f"classifier:{version}",
            {"version": previous.version if previous else ""},
            {"version": version},
        )
        # Every process rebuilds its detectors (the classifier among them) after this commits.
        transaction.on_commit(pipeline.lists_changed)
    return row


def rollback(*, by=None) -> ClassifierVersion:
    """Go back to the version that was active before the current one was activated (read
    from the audit log); with no such record, to the shipped model."""
    current = active_version()
    earlier = ""
    for entry in AuditEntry.objects.filter(action="classifier:activate").order_by("-pk"):
        if entry.after.get("version") == current.version:
            earlier = entry.before.get("version", "")
            break
    if not ClassifierVersion.objects.filter(version=earlier).exists():
        earlier = SHIPPED
    if earlier == current.version:
        raise InvalidInput(_("The shipped classifier is active; there is nothing to roll back."))
    return _activate(earlier, by=by, action="classifier:rollback")


def list_versions():
    ensure_shipped()
    return ClassifierVersion.objects.order_by("-active", "-created_at")
