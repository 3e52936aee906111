"""English stack experiments for the offensive-language classifier (issue 17, OLID): which
signals, fitted on the validation halves, score best on OLID and Davidson data never used.

    .venv/bin/python bench/moderation_stack_english.py [--cache DIR] [--mlp 128]

Caches, per English split (Davidson 80/10/10, OLID 70/15/15, seed 0: crossnote.moderation.
datasets), the shipped model's n-gram logit and hashed features, alt-profanity-check's logit and
the sentence encoder's embedding of every row (the slow part: ~2 ms a text quiet, 20 ms under
load). Then each candidate English stage is a logistic regression on davidson_validation +
olid_validation (each source weighted equally): its validation macro-F1 is taken out of fold (5
folds inside the validation halves), the label threshold by the shipped objective; refitted on
both halves it is scored once on davidson_test and olid_held_out. Last, each component trained
on one source alone is scored on the other (threshold from its own source's validation half).
The table of 2026-12-05 is in crossnote/moderation/trained/ATTRIBUTION.md.
"""

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossnote.settings")

EN = ("davidson_train", "davidson_validation", "davidson_test")
EN += ("olid_fit", "olid_validation", "olid_held_out")
VALIDATION = ("davidson_validation", "olid_validation")
TEST = ("davidson_test", "olid_held_out")


def cached(cache: Path) -> dict:
    """{split: {"y", "z", "apc", "X", "e"}}, computed once into `cache`."""
    import scipy.sparse as sp

    from crossnote.moderation.datasets import default_data_dir, starter_splits
    from crossnote.moderation.detectors import classifier

    cache.mkdir(parents=True, exist_ok=True)
    model, splits, data = classifier.load(), None, {}
    for name in EN:
        arrays, matrix = cache / f"{name}.npz", cache / f"{name}_X.npz"
        if not arrays.exists():
            splits = splits or starter_splits(default_data_dir(), 0)
            texts = [row.text for row in splits[name]]
            X = model.vectorizer.transform([classifier.prepare_text(t) for t in texts]).tocsr()
            np.savez(
                arrays,
                y=np.array([int(row.label) for row in splits[name]]),
                z=np.asarray(X @ model.coef, dtype=np.float64) + model.intercept,
                apc=classifier.profanity_logits(texts),
                e=classifier.sentence_vectors(texts),
            )
            sp.save_npz(matrix, X)
            print(f"cached {name} ({len(texts):,} rows)", flush=True)
        with np.load(arrays) as stored:
            data[name] = {key: stored[key] for key in stored.files}
        data[name]["X"] = sp.load_npz(matrix)
    return data


def macro_f1(y, scores, threshold) -> float:
    from crossnote.moderation.detectors.classifier import binary_metrics

    return binary_metrics(y, scores >= threshold)["macro_f1"]


def _equal_weights(sizes) -> np.ndarray:
    weights = np.concatenate([np.full(n, 1.0 / n) for n in sizes])
    return weights * len(weights) / weights.sum()


def stage(data: dict, features: dict, label: str) -> None:
    """One candidate stage: out-of-fold validation figures, then the test splits."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from crossnote.moderation.detectors.classifier import _best_label_threshold

    y = {name: data[name]["y"] for name in (*VALIDATION, *TEST)}
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    parts = {n: list(folds.split(features[n], y[n])) for n in VALIDATION}
    oof = {n: np.zeros(len(y[n])) for n in VALIDATION}
    for k in range(5):
        train = {n: parts[n][k][0] for n in VALIDATION}
        fit = LogisticRegression(C=1e4, max_iter=3000).fit(
            np.vstack([features[n][train[n]] for n in VALIDATION]),
            np.concatenate([y[n][train[n]] for n in VALIDATION]),
            sample_weight=_equal_weights([len(train[n]) for n in VALIDATION]),
        )
        for n in VALIDATION:
            oof[n][parts[n][k][1]] = fit.predict_proba(features[n][parts[n][k][1]])[:, 1]
    t_oof = _best_label_threshold(oof, {n: y[n] for n in VALIDATION})
    fit = LogisticRegression(C=1e4, max_iter=3000).fit(
        np.vstack([features[n] for n in VALIDATION]),
        np.concatenate([y[n] for n in VALIDATION]),
        sample_weight=_equal_weights([len(y[n]) for n in VALIDATION]),
    )
    p = {n: fit.predict_proba(features[n])[:, 1] for n in (*VALIDATION, *TEST)}
    t = _best_label_threshold({n: p[n] for n in VALIDATION}, {n: y[n] for n in VALIDATION})
    cells = [macro_f1(y[n], oof[n], t_oof) for n in VALIDATION]
    cells += [macro_f1(y[n], p[n], t) for n in TEST]
    print(f"| {label} | " + " | ".join(f"{c:.3f}" for c in cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/crossnote-stack-english"))
    parser.add_argument("--mlp", type=int, default=0, help="also an MLP head of this many units")
    args = parser.parse_args()
    import django

    django.setup()
    from sklearn.linear_model import LogisticRegression

    from crossnote.moderation.detectors import classifier
    from crossnote.moderation.detectors.classifier_stack import EmbeddingHead

    data = cached(args.cache)
    model = classifier.load()

    def columns(*parts) -> dict:
        return {n: np.column_stack([part(n) for part in parts]) for n in EN}

    def weights(names) -> np.ndarray:
        labels = np.concatenate([data[n]["y"] for n in names])
        sources = [n for n in names for _ in data[n]["y"]]
        return classifier._sample_weights(labels, sources, "source_label")

    def ngrams(names, C=4.0):
        import scipy.sparse as sp

        fit = LogisticRegression(C=C, max_iter=3000).fit(
            sp.vstack([data[n]["X"] for n in names]).tocsr(),
            np.concatenate([data[n]["y"] for n in names]),
            sample_weight=weights(names),
        )
        return lambda n: data[n]["X"] @ fit.coef_[0] + fit.intercept_[0]

    def head(names, **options):
        fit = LogisticRegression(max_iter=3000, **options).fit(
            np.vstack([data[n]["e"] for n in names]),
            np.concatenate([data[n]["y"] for n in names]),
            **({} if "class_weight" in options else {"sample_weight": weights(names)}),
        )
        return lambda n: fit.decision_function(data[n]["e"])

    def z(n):
        return data[n]["z"]

    def apc(n):
        return data[n]["apc"]

    english = ["davidson_train", "olid_fit"]
    olid_ngrams, davidson_ngrams = ngrams(["olid_fit"]), ngrams(["davidson_train"])
    olid_head = head(["olid_fit"], C=1.0, class_weight="balanced")
    print(
        "| en stage features | val Davidson (OOF) | val OLID (OOF) | Davidson test | OLID held-out |"
    )
    print("| --- | --- | --- | --- | --- |")
    stage(data, columns(z, apc), "[z, apc] (stage 1 as shipped)")
    shipped = model.stack.head if model.stack else None
    if shipped is not None:
        every = columns(z, lambda n: shipped.logits(data[n]["e"]), apc)
        stage(data, every, "[z, shipped head, apc], every text embedded")
    stage(data, columns(z, apc, olid_ngrams), "+ OLID-only n-gram logit")
    stage(data, columns(z, apc, olid_ngrams, davidson_ngrams), "+ OLID- and Davidson-only")
    stage(data, columns(z, head(english, C=1.0), apc), "[z, linear head on English rows, apc]")
    stage(data, columns(z, olid_head, apc), "[z, linear head on OLID only, apc]")
    if args.mlp:
        from sklearn.neural_network import MLPClassifier

        x = np.vstack([data[n]["e"] for n in english])
        y = np.concatenate([data[n]["y"] for n in english])
        mlp = MLPClassifier(
            hidden_layer_sizes=(args.mlp,), alpha=1e-3, early_stopping=True, random_state=0,
            max_iter=classifier.MLP_MAX_ITER,
        ).fit(x, y, sample_weight=weights(english))  # fmt: skip
        net = EmbeddingHead.from_mlp(mlp)
        stage(
            data, columns(z, lambda n: net.logits(data[n]["e"]), apc), f"[z, MLP {args.mlp}, apc]"
        )

    order = ("davidson_validation", "davidson_test", "olid_validation", "olid_held_out")
    print("\n| component | trained on | " + " | ".join(order) + " |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, source, scores in (
        ("n-grams", "olid_validation", olid_ngrams),
        ("n-grams", "davidson_validation", davidson_ngrams),
        ("embedding head", "olid_validation", olid_head),
        ("embedding head", "davidson_validation", head(["davidson_train"], C=1.0,
                                                       class_weight="balanced")),
        ("alt-profanity-check", "davidson_validation", apc),
    ):  # fmt: skip
        y = data[source]["y"]
        grid = np.quantile(scores(source), np.linspace(0.02, 0.98, 97))
        t = grid[int(np.argmax([macro_f1(y, scores(source), g) for g in grid]))]
        cells = [macro_f1(data[n]["y"], scores(n), t) for n in order]
        own = "OLID 70%" if source.startswith("olid") else "Davidson 80%"
        if label == "alt-profanity-check":
            own = "its authors' data"
        print(f"| {label} | {own} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
