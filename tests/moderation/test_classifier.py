"""The classifier layers: the shipped n-gram model loads from the package without pickle, tells
abuse from everyday posts in both languages, keeps its measured quality, and retrains from rows;
alt-profanity-check runs only on text it can read."""

import csv
import io
import random

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from crossnote.moderation.categories import PROFANITY
from crossnote.moderation.datasets import default_data_dir, read_cold, split_olid
from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import (
    ClassifierDetector,
    NgramSettings,
    ProfanityCheckDetector,
)
from crossnote.moderation.evaluation import score

ABUSE = ["你这个傻逼，滚出去", "you are a fucking idiot"]
EVERYDAY = ["今天的火锅太好吃了", "My cat sleeps all day"]
TINY = [
    ("you stupid idiot", 1, "en"),
    ("shut up you idiot loser", 1, "en"),
    ("idiot moron trash", 1, "en"),
    ("你这个蠢货", 1, "zh"),
    ("蠢货滚开", 1, "zh"),
    ("what a lovely sunny day", 0, "en"),
    ("my cat loves the sofa", 0, "en"),
    ("lovely coffee this morning", 0, "en"),
    ("今天天气很好", 0, "zh"),
    ("好喜欢这家咖啡店", 0, "zh"),
]


def test_shipped_model_is_inside_the_package_and_loads_without_pickle():
    assert classifier.MODEL_PATH.parts[-4:] == (
        "crossnote",
        "moderation",
        "trained",
        "offensive_ngram.npz",
    )
    with np.load(classifier.MODEL_PATH, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    assert not [name for name, array in arrays.items() if array.dtype.hasobject]
    assert arrays["coef_value"].dtype == np.float16
    assert classifier.MODEL_PATH.stat().st_size < 5_000_000
    assert (classifier.MODEL_PATH.parent / "ATTRIBUTION.md").is_file()


@pytest.mark.parametrize("text", ABUSE)
def test_shipped_model_flags_clear_abuse_in_chinese_and_english(text):
    assert classifier.get_model().score(text) > 0.5


@pytest.mark.parametrize("text", EVERYDAY)
def test_shipped_model_lets_everyday_posts_through(text):
    assert classifier.get_model().score(text) < 0.5


def test_one_text_and_batch_scoring_agree():
    model = classifier.get_model()
    texts = [*ABUSE, *EVERYDAY, "ＦＵＣＫ this @someone https://x.y/z", "", "😂😂"]
    batch = model.score_many(texts)
    assert np.allclose([model.score(t) for t in texts], batch, atol=1e-6)


def test_model_is_loaded_once_per_process():
    assert classifier.get_model() is classifier.get_model(str(classifier.MODEL_PATH))


def test_signal_names_the_model_version_and_points_at_the_evidence():
    model = classifier.get_model()
    text = "哈哈 you are a fucking idiot"
    [signal] = ClassifierDetector().detect(text, language="mixed")
    assert signal.layer == "classifier"
    assert signal.category == PROFANITY
    assert signal.rule == f"classifier:{model.version}"
    assert model.version.startswith(("ngram-", "stack-"))
    assert signal.score == pytest.approx(model.score(text))
    assert signal.detail == f"p={signal.score:.2f}"
    assert signal.spans
    assert all(text[s.start : s.end] == s.text for s in signal.spans)
    assert "fucking" in [s.text for s in signal.spans]


def test_everyday_post_gets_a_low_signal_without_spans_and_blank_text_gets_none():
    detector = ClassifierDetector()
    [signal] = detector.detect("今天的火锅太好吃了", language="zh")
    assert signal.score < 0.5
    assert signal.spans == []
    assert detector.detect("   ") == []


def test_detect_many_matches_detect():
    detector = ClassifierDetector()
    texts = [*ABUSE, *EVERYDAY, ""]
    many = detector.detect_many(texts)
    assert [len(signals) for signals in many] == [1, 1, 1, 1, 0]
    assert [signals[0].score for signals in many[:4]] == pytest.approx(
        [detector.detect(t)[0].score for t in texts[:4]]
    )
    assert [s[0].spans for s in many[:4]] == [detector.detect(t)[0].spans for t in texts[:4]]


def test_trained_model_round_trips_through_save_and_load(tmp_path):
    model = classifier.train(TINY, settings=NgramSettings(C=10.0), description="tiny")
    path = tmp_path / "tiny.npz"
    classifier.save(model, path)
    loaded = classifier.load(path)
    texts = ["you idiot", "lovely sofa", "蠢货", "咖啡", "mixed 蠢货 day"]
    assert loaded.version == model.version
    assert loaded.training_data == "tiny"
    assert loaded.metrics == model.metrics
    assert list(loaded.score_many(texts)) == list(model.score_many(texts))
    assert model.score("you idiot") > 0.5 > model.score("lovely sofa")
    with np.load(path, allow_pickle=False) as data:
        assert all(not data[name].dtype.hasobject for name in data.files)


def test_detector_uses_a_retrained_model_and_its_version():
    model = classifier.train(TINY)
    [signal] = ClassifierDetector(model).detect("you idiot")
    assert signal.rule == f"classifier:{model.version}"


def test_version_changes_with_the_training_data():
    first = classifier.train(TINY)
    second = classifier.train([*TINY, ("loser", 1, "en")])
    assert first.version != second.version
    assert first.version == classifier.train(TINY).version


def test_training_refuses_one_sided_or_non_binary_labels():
    with pytest.raises(ValueError, match="both"):
        classifier.train([(text, 1, lang) for text, _, lang in TINY])
    with pytest.raises(ValueError, match="0 or 1"):
        classifier.train([*TINY, ("spam spam", 2, "en")])


def test_load_refuses_a_model_in_another_format(tmp_path):
    path = tmp_path / "old.npz"
    classifier.save(classifier.train(TINY), path)
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["format"] = np.str_("crossnote-ngram/0")
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match="retrain"):
        classifier.load(path)


def test_shipped_model_keeps_its_measured_quality_on_cold_dev():
    """Recorded metrics and a fresh check on 1,000 dev rows (the data ships in the package), at
    the model's own zh label threshold: what the classifier policy acts on."""
    model = classifier.get_model()
    recorded = model.metrics["cold_dev"]
    assert recorded["f1"] >= 0.88
    assert recorded["accuracy"] >= 0.88
    assert model.metrics["davidson_held_out"]["f1"] >= 0.93
    dev = default_data_dir() / "cold_dev.csv"
    assert dev.is_file(), f"{dev} is missing from the package"
    rows = random.Random(0).sample(read_cold(dev), 1000)
    predicted = model.flags([r.text for r in rows], ["zh"] * len(rows)).astype(int).tolist()
    offensive = score([r.label for r in rows], predicted)["overall"]["labels"][1]
    assert offensive["f1"] >= 0.86
    assert offensive["recall"] >= 0.8  # the old fixed 0.9 threshold caught about half


def test_shipped_model_was_trained_with_the_current_normalisation():
    """The model reads `normalise`d text; if normalize.py folds differently now, the n-grams it
    sees are not the ones it learnt: retrain (manage.py moderation_train --cross-dataset)."""
    assert classifier.get_model().metrics["normalise"] == classifier.normalise_fingerprint()


def test_shipped_model_generalises_to_olid_it_never_saw():
    """15% of OLID train is held out of training and of threshold choice; English tweets are
    harder than COLD (label noise, sarcasm), and this records what the n-gram model reaches."""
    model = classifier.get_model()
    held_out = model.metrics["olid_held_out"]
    assert held_out["n"] > 1500
    assert held_out["macro_f1"] >= 0.73  # n-grams alone: 0.698; with the stack 0.739
    # The label threshold leans to precision among near-equal choices (LABEL_TOLERANCE).
    assert held_out["recall"] >= 0.5 and held_out["precision"] >= 0.6
    cross = model.metrics["cross_dataset"]
    # Trained on COLD + Davidson only, scored on OLID; trained on COLD + OLID, on Davidson.
    assert cross["COLD+Davidson"]["olid_held_out"]["n"] == held_out["n"]
    assert cross["COLD+OLID"]["davidson_held_out"]["macro_f1"] > 0.6


def test_thresholds_are_fitted_per_language_on_validation_data_and_recorded():
    model = classifier.get_model()
    thresholds = model.metrics["thresholds"]
    assert set(thresholds) == {"zh", "en", "other"}
    for group, fitted in thresholds.items():
        assert 0.05 <= fitted["label"] <= 0.95, group
        assert fitted["hold"] is None or fitted["hold"] > fitted["label"], group
        assert model.thresholds(group) == fitted
        assert len(model.metrics["calibration"][group]) == 2
    assert "macro-F1" in model.metrics["threshold_objective"]
    assert set(model.metrics["validation"]["en"]) == {"davidson_validation", "olid_validation"}
    # A hold threshold is only kept where precision ≥ 0.95 held on every validation source.
    for group, sources in model.metrics["validation"].items():
        if thresholds[group]["hold"] is not None:
            for name, figures in sources.items():
                if figures["hold"]["n"] and figures["hold"]["precision"]:
                    assert figures["hold"]["precision"] >= 0.9, (group, name)


def test_fit_thresholds_maximises_macro_f1_and_holds_only_at_high_precision():
    model = classifier.train(TINY * 3, settings=NgramSettings(C=10.0))
    assert model.thresholds("zh") == classifier.DEFAULT_THRESHOLDS  # none fitted yet
    noisy = [("you idiot", 1, "en"), ("lovely idiot day", 0, "en"), ("loser trash", 1, "en")]
    validation = {"en": {"a": [r for r in TINY if r[2] == "en"] + noisy}}
    fitted = classifier.fit_thresholds(model, validation)
    assert set(fitted) == {"en", "other"}
    en = model.metrics["validation"]["en"]["a"]["label"]
    best = max(
        classifier.binary_metrics(
            [r[1] for r in validation["en"]["a"]],
            model.score_many([r[0] for r in validation["en"]["a"]], ["en"] * 9) >= t,
        )["macro_f1"]
        for t in np.arange(0.05, 0.96, 0.01)
    )
    assert en["macro_f1"] == pytest.approx(best)
    assert fitted["en"]["hold"] is None  # 9 texts: too few to claim 95% precision


def test_the_signal_carries_the_thresholds_of_its_language_group():
    model = classifier.get_model()
    detector = ClassifierDetector()
    [zh] = detector.detect("你这个傻逼，滚出去", language="zh")
    [en] = detector.detect("stupid bastard", language="es")  # misdetected short English
    assert zh.thresholds == model.thresholds("zh")
    assert en.thresholds == model.thresholds("en")
    assert en.score == pytest.approx(model.score("stupid bastard", "en"))
    assert classifier.language_group("I love 火锅 so much", "mixed") == "en"
    assert classifier.language_group("今天 is 好", "und") == "zh"
    assert classifier.language_group("こんにちは", "ja") == "other"


EVERYDAY_POSTS = [
    ("Saw snow for the first time today!", "en"),
    ("My cat sleeps all day", "en"),
    ("今天的火锅太好吃了", "zh"),
    ("可以加微信吗？想练习中文", "zh"),
    ("Hitchcock's Psycho is a classic", "en"),
    ("These chemicals retard plant growth", "en"),
    ("pussy willow", "en"),
    ("Moby Dick", "en"),
    ("新人报到，求互关～", "zh"),
    ("Weekend in Shanghai: coffee, old streets and too many dumplings", "en"),
]


@pytest.mark.parametrize(("text", "language"), EVERYDAY_POSTS)
def test_everyday_posts_stay_below_the_label_threshold(text, language):
    [signal] = ClassifierDetector().detect(text, language=language)
    assert signal.score < signal.thresholds["label"]


def _write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture
def tiny_data_dir(tmp_path):
    """A data folder shaped like crossnote/moderation/data, small enough to train in a second."""
    zh = [(t, label) for t, label, lang in TINY if lang == "zh"]
    en = [(t, label) for t, label, lang in TINY if lang == "en"]
    cold = [(i, "train", "region", label, text) for i, (text, label) in enumerate(zh * 3)]
    _write_csv(tmp_path / "cold_train.csv", ["", "split", "topic", "label", "TEXT"], cold)
    _write_csv(tmp_path / "cold_dev.csv", ["", "split", "topic", "label", "TEXT"], cold)
    tweets = [(i, 3, 0, 0, 0, 1 if label else 2, text) for i, (text, label) in enumerate(en * 5)]
    tweets += [(99, 3, 3, 0, 0, 0, "hateful idiot trash")] * 5
    header = ["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"]
    _write_csv(tmp_path / "davidson_labeled.csv", header, tweets)
    return tmp_path


def test_training_command_trains_on_the_data_folder_plus_extra_rows(tiny_data_dir, tmp_path):
    _write_csv(tmp_path / "decisions.csv", ["text", "label", "language"], [("蠢猪", 1, "zh")])
    output = tmp_path / "model.npz"

    call_command(
        "moderation_train",
        cold_dir=tiny_data_dir,
        output=output,
        extra=[tmp_path / "decisions.csv"],
        stack=False,
        stdout=(out := io.StringIO()),
    )

    model = classifier.load(output)
    assert "1 extra rows from decisions.csv" in model.training_data
    assert set(model.metrics["cold_dev"]) == {
        "precision",
        "recall",
        "f1",
        "accuracy",
        "macro_f1",
        "n",
    }
    assert model.metrics["davidson_held_out"]["n"] == 7  # 20% of 35 tweets
    assert set(model.metrics["thresholds"]) == {"zh", "en", "other"}
    assert "cold_dev: accuracy" in out.getvalue()


def test_training_command_uses_olid_when_present_and_builds_the_cross_dataset_table(
    tiny_data_dir, tmp_path
):
    en = [(t, label) for t, label, lang in TINY if lang == "en"]
    olid = [(i, text, "OFF" if label else "NOT") for i, (text, label) in enumerate(en * 8)]
    _write_csv(tiny_data_dir / "olid_train.csv", ["id", "tweet", "subtask_a"], olid)
    output = tmp_path / "model.npz"
    call_command(
        "moderation_train",
        cold_dir=tiny_data_dir,
        output=output,
        cross_dataset=True,
        features_log2=14,
        stack=False,
        stdout=(out := io.StringIO()),
    )
    model = classifier.load(output)
    assert "OLID olid_train.csv, 70%" in model.training_data
    assert model.metrics["trained_on"] == ["cold_train", "davidson_train", "olid_fit"]
    *_, held_out = split_olid(tiny_data_dir / "olid_train.csv", 0)  # never trained or tuned on
    assert model.metrics["olid_held_out"]["n"] == len(held_out) > 0
    assert set(model.metrics["validation"]["en"]) == {"davidson_validation", "olid_validation"}
    # The test halves of COLD dev and of Davidson's 20%: never trained or tuned on.
    for whole, halves in (("cold_dev", "cold"), ("davidson_held_out", "davidson")):
        n = model.metrics[f"{halves}_test"]["n"] + model.metrics[f"{halves}_validation"]["n"]
        assert n == model.metrics[whole]["n"] > 0
    cross = model.metrics["cross_dataset"]
    assert set(cross) == {"COLD+Davidson", "COLD+OLID"}
    assert "olid_fit" in cross["COLD+Davidson"] and "olid_fit" not in cross["COLD+OLID"]
    assert "COLD+OLID → davidson_held_out" in out.getvalue()


def test_training_command_stacks_on_reused_ngram_weights(tiny_data_dir, tmp_path):
    """--ngram-from keeps the n-gram weights and adds the sentence-embedding stack; a model
    trained on other splits is refused."""
    base = tmp_path / "base.npz"
    call_command(
        "moderation_train", cold_dir=tiny_data_dir, output=base, stack=False, stdout=io.StringIO()
    )
    output = tmp_path / "stacked.npz"
    call_command(
        "moderation_train",
        cold_dir=tiny_data_dir,
        output=output,
        ngram_from=base,
        stdout=(out := io.StringIO()),
    )
    stacked, ngram = classifier.load(output), classifier.load(base)
    assert stacked.stack is not None and stacked.version.startswith("stack-")
    assert np.array_equal(stacked.coef, ngram.coef)
    assert set(stacked.metrics["stack"]) >= {"zh", "en", "other", "hidden"}
    assert "thresholds:" in out.getvalue()
    ngram.metrics["trained_on"] = ["cold_train"]
    classifier.save(ngram, base)
    with pytest.raises(CommandError, match="was not trained on"):
        call_command("moderation_train", cold_dir=tiny_data_dir, ngram_from=base, dry_run=True)


def test_training_command_explains_where_the_data_is(tmp_path):
    with pytest.raises(CommandError, match="crossnote/moderation/data.*--cold-dir"):
        call_command("moderation_train", cold_dir=tmp_path / "nowhere", dry_run=True)


def test_training_command_reports_a_bad_extra_file(tiny_data_dir, tmp_path):
    (tmp_path / "bad.csv").write_text("text,verdict\nhello,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column label"):
        call_command("moderation_train", cold_dir=tiny_data_dir, extra=[tmp_path / "bad.csv"])


def test_profanity_check_flags_english_and_names_its_version():
    from importlib.metadata import version

    [signal] = ProfanityCheckDetector().detect("you are a fucking idiot", language="en")
    assert signal.layer == "profanity"
    assert signal.category == PROFANITY
    assert signal.score > 0.9
    assert signal.rule == f"alt-profanity-check:{version('alt-profanity-check')}"
    [calm] = ProfanityCheckDetector().detect("My cat sleeps all day", language="en")
    assert calm.score < 0.5


def test_profanity_check_skips_languages_it_cannot_read():
    detector = ProfanityCheckDetector()
    assert detector.detect("傻逼", language="zh") == []
    assert detector.detect("这个人是 idiot 吧，真的是太过分了", language="zh") == []
    assert detector.detect("fucking idiot", language="mixed")
    assert detector.detect("fucking idiot", language="und")
    many = detector.detect_many(["fuck you", "傻逼", ""], languages=["en", "zh", "en"])
    assert [len(signals) for signals in many] == [1, 0, 0]


def test_profanity_check_reads_latin_text_whatever_the_detected_language():
    """Short English is often misdetected ("stupid bastard" as Spanish)."""
    [signal] = ProfanityCheckDetector().detect("stupid bastard", language="es")
    assert signal.score > 0.5


def test_profanity_check_reads_the_folded_text():
    detector = ProfanityCheckDetector()
    [plain] = detector.detect("you are a whore", language="en")
    for evasion in ["you are a wh0re", "you are a ｗｈｏｒｅ", "you are a whоre"]:  # Cyrillic о
        [signal] = detector.detect(evasion, language="en")
        assert signal.score == pytest.approx(plain.score), evasion


def test_profanity_check_scores_one_text_as_the_package_does():
    import profanity_check

    model = classifier._profanity_model()
    assert model.fast is not None, "the fast path fell back: alt-profanity-check changed shape"
    texts = ["you are a fucking idiot", "shit happens", "My cat sleeps all day", "the", "傻逼"]
    assert [model.score(t) for t in texts] == pytest.approx(
        list(profanity_check.predict_prob(texts)), abs=1e-9
    )


# --- the policy acts at the model's thresholds ------------------------------------------------


def _classifier_signal(score, thresholds):
    from crossnote.moderation.detectors.base import Signal

    return Signal(
        layer="classifier",
        category=PROFANITY,
        score=score,
        rule="classifier:test",
        thresholds=thresholds,
        ambiguous=True,
    )


@pytest.mark.django_db
def test_the_default_classifier_policies_act_at_the_signals_thresholds():
    from crossnote.moderation import engine
    from crossnote.moderation.models import Policy

    engine.forget_policies()
    label = Policy.objects.get(name="Likely offensive (classifier)")
    assert label.min_score == 0.0  # migration 0009: the model's own thresholds
    zh = {"label": 0.45, "hold": 0.8}
    decide = engine.decide
    assert decide([_classifier_signal(0.44, zh)], kind="note").action == "allow"
    assert decide([_classifier_signal(0.46, zh)], kind="note").action == "label"
    # Other thresholds, other verdicts for the same score: per language group.
    other = {"label": 0.6, "hold": None}
    assert decide([_classifier_signal(0.46, other)], kind="note").action == "allow"
    # Past the hold threshold, alone it still only labels; a term hit that agrees holds.
    assert decide([_classifier_signal(0.9, zh)], kind="note").action == "label"
    from crossnote.moderation.detectors.base import Signal

    term = Signal(layer="terms", category=PROFANITY, score=1.0, rule="terms:x#1")
    assert decide([_classifier_signal(0.9, zh), term], kind="note").action == "hold"
    assert decide([_classifier_signal(0.79, zh), term], kind="note").action != "hold"
    # No hold threshold (precision 0.95 unreachable): never held by the classifier.
    never = {"label": 0.45, "hold": None}
    assert decide([_classifier_signal(0.99, never), term], kind="note").action != "hold"
    # An operator's higher min_score makes the policy stricter than the model.
    label.min_score = 0.7
    label.save()
    engine.forget_policies()
    assert decide([_classifier_signal(0.6, zh)], kind="note").action == "allow"
    engine.forget_policies()


@pytest.mark.django_db
def test_a_text_between_the_label_threshold_and_the_old_09_is_labelled():
    """The old fixed 0.9 missed half the abuse; the fitted zh threshold labels it."""
    from crossnote.moderation import engine

    engine.forget_policies()
    model = classifier.get_model()
    label = model.thresholds("zh")["label"]
    # Alone (no term agreeing) it acts from its alone threshold where the model records one.
    label = max(label, model.thresholds("zh").get("label_alone") or label)
    rows = read_cold(default_data_dir() / "cold_dev.csv")[:400]
    middle = [r.text for r in rows if r.label and label <= model.score(r.text, "zh") < 0.9]
    assert middle, "no offensive dev text scores between the label threshold and 0.9"
    signals = ClassifierDetector().detect(middle[0], language="zh")
    assert engine.decide(signals, kind="note").action == "label"


@pytest.mark.django_db
def test_migration_0009_moves_the_old_classifier_rows_to_the_models_thresholds():
    from importlib import import_module

    from django.apps import apps

    from crossnote.moderation.models import Policy

    migration = import_module("crossnote.moderation.migrations.0009_classifier_thresholds")
    label = Policy.objects.filter(name=migration.LABEL)
    label.update(min_score=0.9)  # as part 1 shipped it
    Policy.objects.filter(name=migration.HOLD).delete()
    migration.forwards(apps, None)
    assert label.get().min_score == 0.0
    hold = Policy.objects.get(name=migration.HOLD)
    assert (hold.layer, hold.action, hold.min_score) == ("classifier", "hold", 0.0)
    label.update(min_score=0.8)  # an operator's own choice stays
    migration.forwards(apps, None)
    assert label.get().min_score == 0.8
    migration.backwards(apps, None)
    assert not Policy.objects.filter(name=migration.HOLD).exists()


def test_label_threshold_is_the_highest_that_validation_cannot_tell_from_the_best():
    """Among label thresholds whose mean macro-F1 is within LABEL_TOLERANCE of the best, the
    highest: it labels fewest everyday posts on a platform where most posts are harmless."""
    rng = np.random.default_rng(0)
    y = np.array([1] * 400 + [0] * 600)
    # Offensive texts score 0.6-0.9, safe ones 0.1-0.45: every threshold between separates them.
    p = np.concatenate([rng.uniform(0.6, 0.9, 400), rng.uniform(0.1, 0.45, 600)])
    chosen = classifier._best_label_threshold({"only": p}, {"only": y})
    assert 0.55 <= chosen <= 0.6
    assert classifier.binary_metrics(y, p >= chosen)["macro_f1"] == 1.0
