"""The learning loop: human decisions become labelled examples, a training run on them changes
what the classifier says about a held-out text, and activating or rolling back a version
switches what the pipeline uses. Agreement with the AI is counted; its worst misses surface."""

import itertools
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from crossnote.core.errors import InvalidInput, NotFound
from crossnote.moderation import datasets, pipeline, selectors
from crossnote.moderation.detectors import classifier
from crossnote.moderation.detectors.classifier import NgramSettings
from crossnote.moderation.evaluation import LabelledRow
from crossnote.moderation.model_store import absolute_path
from crossnote.moderation.models import Appeal, AuditEntry, ClassifierVersion, Decision, ReviewItem
from crossnote.moderation.services import training as learning
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

# A made-up insult no starter data has seen; moderators consistently remove it.
SLUR = "glorbnik"
REMOVED = [
    f"you {SLUR}, nobody wants you here",
    f"what a {SLUR} move, typical",
    f"shut up {SLUR}",
    f"{SLUR} {SLUR} go away",
    f"only a {SLUR} would post this",
    f"get lost you filthy {SLUR}",
    f"my neighbour is a total {SLUR}",
    f"{SLUR}s like you ruin everything",
    f"你这个{SLUR}",
    f"{SLUR}滚出去",
    f"看看这个{SLUR}说的话",
    f"the {SLUR} is back again",
    f"ugh, {SLUR} behaviour",
    f"stop being such a {SLUR}",
    f"every {SLUR} here should leave",
    f"lol {SLUR}",
    f"{SLUR}!!!",
    f"hey {SLUR}, read the rules",
    f"typical {SLUR} comment",
    f"reported this {SLUR}",
]
APPROVED = [
    "my cat sleeps all day in the sun",
    "made dumplings with grandma today",
    "the sunset over the river was lovely",
    "anyone know a good ramen place nearby",
    "finished my first marathon!",
    "今天的火锅太好吃了",
    "周末去爬山，风景很美",
    "新买的咖啡豆很香",
    "learning to knit a scarf",
    "rainy day, good book, warm tea",
    "our garden tomatoes are finally red",
    "trying a new bread recipe tonight",
    "这家书店很安静",
    "photos from the flower market",
    "best noodles in town, honestly",
    "my dog learned a new trick",
    "好喜欢这首歌",
    "cycling along the coast this morning",
    "homemade pizza night",
    "the library has a new reading room",
]
HELD_OUT = f"honestly you are such a {SLUR}"
TINY_STARTER = [
    LabelledRow("you stupid idiot", 1, "en"),
    LabelledRow("shut up you idiot loser", 1, "en"),
    LabelledRow("idiot moron trash", 1, "en"),
    LabelledRow("你这个蠢货", 1, "zh"),
    LabelledRow("蠢货滚开", 1, "zh"),
    LabelledRow("what a lovely sunny day", 0, "en"),
    LabelledRow("my cat loves the sofa", 0, "en"),
    LabelledRow("lovely coffee this morning", 0, "en"),
    LabelledRow("今天天气很好", 0, "zh"),
    LabelledRow("好喜欢这家咖啡店", 0, "zh"),
]
SMALL = NgramSettings(n_features=2**14, C=4.0)
_ids = itertools.count(1000)


@pytest.fixture(autouse=True)
def _data_dir_and_fresh_pipeline(settings, tmp_path):
    """Versions are saved under a temporary data folder; every process-wide detector built
    from them is dropped afterwards so other tests see the shipped model again."""
    settings.CROSSNOTE_DATA_DIR = tmp_path
    pipeline.lists_changed()
    yield
    pipeline.lists_changed()


@pytest.fixture
def moderator():
    return make_user("mod_ana", display_name="Ana")


def decide(moderator, text, outcome, *, category="harassment", language="en", **extra):
    """One review item a moderator decided, and the human Decision it produced."""
    object_id = next(_ids)
    suggested = extra.pop("suggested", "label")
    human = "allow" if outcome == "approve" else outcome
    now = timezone.now()
    decision = Decision.objects.create(
        kind="note",
        object_id=object_id,
        action=human,
        category=category,
        automated=False,
        moderator=moderator,
        ai_action=suggested,
    )
    item = ReviewItem.objects.create(
        kind="note",
        object_id=object_id,
        source=extra.pop("source", ReviewItem.Source.REPORT),
        content_text=text,
        category=category,
        language=language,
        suggested_action=suggested,
        confidence=extra.pop("confidence", 0.6),
        status=ReviewItem.Status.DECIDED,
        decided_by=moderator,
        decided_at=now,
        outcome=outcome,
        agreed_with_ai=suggested == human,
        **extra,
    )
    return item, decision


@pytest.fixture
def decisions(moderator):
    for text in REMOVED:
        decide(moderator, text, "remove", language="zh" if "你" in text else "en")
    for text in APPROVED:
        decide(moderator, text, "approve", category="profanity", suggested="allow")


# --- labelled examples ------------------------------------------------------------------------


def test_human_decisions_become_labelled_examples(moderator):
    decide(moderator, f"you {SLUR}", "remove")
    decide(moderator, "lovely day", "approve", category="spam")
    decide(moderator, "buy followers cheap", "remove", category="spam")  # not about language
    decide(moderator, "", "remove")  # text erased with the account
    ReviewItem.objects.create(kind="note", object_id=1, source="report", content_text="open")
    rows = sorted(datasets.labelled_decisions())
    assert rows == [LabelledRow("lovely day", 0, "en"), LabelledRow(f"you {SLUR}", 1, "en")]


def test_a_reversed_appeal_flips_the_label_of_the_original_item(moderator):
    senior = make_user("senior_bo")
    item, decision = decide(moderator, "that referee is blind", "remove")
    appeal = Appeal.objects.create(
        decision=decision, author=senior, text="it was a joke", status=Appeal.Status.REVERSED
    )
    ReviewItem.objects.create(
        kind="note",
        object_id=item.object_id,
        source=ReviewItem.Source.APPEAL,
        content_text="body only",
        category=item.category,
        status=ReviewItem.Status.DECIDED,
        decided_by=senior,
        decided_at=item.decided_at + timedelta(hours=1),
        outcome="approve",
        appeal=appeal,
    )
    assert datasets.labelled_decisions() == [LabelledRow("that referee is blind", 0, "en")]


# --- training, activation, rollback -----------------------------------------------------------


def test_training_on_decisions_raises_the_score_of_a_held_out_text(decisions):
    row = learning.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL, seed=1)
    new = classifier.load(absolute_path(row.path))
    assert row.path == f"classifiers/{row.version}.npz" and not row.active
    assert new.score(HELD_OUT) > 0.5 > classifier.get_model().score(HELD_OUT)
    assert new.score("my cat sleeps on the sofa") < 0.5
    held = row.metrics["held_out"]
    assert held["active"]["version"] == learning.SHIPPED
    assert held["new"]["n"] == held["active"]["n"] == row.metrics["decisions"]["held_out"] > 0
    assert held["new"]["f1"] >= held["active"]["f1"]
    assert row.metrics["decisions"]["train"] + row.metrics["decisions"]["held_out"] == 40


def test_without_starter_data_the_shipped_model_is_fine_tuned(decisions, monkeypatch, tmp_path):
    monkeypatch.setattr(learning, "default_data_dir", lambda: tmp_path / "absent")
    row = learning.train_version(seed=2)
    new = classifier.load(absolute_path(row.path))
    shipped = classifier.get_model()
    assert row.metrics["mode"] == "fine-tune" and row.metrics["base"] == shipped.version
    assert new.score(HELD_OUT) > shipped.score(HELD_OUT) + 0.2
    # What it knew stays: everyday posts pass, clear abuse is still caught.
    for text in ["今天的火锅太好吃了", "My cat sleeps all day"]:
        assert new.score(text) < 0.5
    for text in ["你这个傻逼，滚出去", "you are a fucking idiot"]:
        assert new.score(text) > 0.5


def test_naming_a_starter_folder_that_lacks_the_data_is_refused(decisions, tmp_path):
    with pytest.raises(InvalidInput):
        learning.train_version(starter_dir=tmp_path / "nowhere")


def test_training_needs_decisions():
    with pytest.raises(InvalidInput):
        learning.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL)


def classifier_rule(text):
    signal = next(s for s in pipeline.run_text(text) if s.layer == "classifier")
    return signal.rule


def test_activation_switches_the_pipeline_and_rollback_restores_it(
    decisions, moderator, django_capture_on_commit_callbacks
):
    shipped_rule = f"classifier:{classifier.get_model().version}"
    assert classifier_rule(HELD_OUT) == shipped_rule
    row = learning.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL)
    assert learning.active_version().version == learning.SHIPPED
    with django_capture_on_commit_callbacks(execute=True):
        learning.activate_version(row.version, by=moderator)
    assert list(ClassifierVersion.objects.filter(active=True)) == [row]
    assert classifier_rule(HELD_OUT) == f"classifier:{row.version}"
    entry = AuditEntry.objects.get(action="classifier:activate")
    assert entry.before == {"version": "shipped"} and entry.after == {"version": row.version}
    with django_capture_on_commit_callbacks(execute=True):
        back = learning.rollback(by=moderator)
    assert back.version == learning.SHIPPED
    assert ClassifierVersion.objects.filter(active=True).count() == 1
    assert classifier_rule(HELD_OUT) == shipped_rule
    with pytest.raises(InvalidInput):
        learning.rollback()


def test_rollback_walks_back_through_activations(decisions):
    first = learning.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL, seed=1)
    second = learning.train_version(starter_rows=TINY_STARTER[:-1], ngram_settings=SMALL)
    learning.activate_version(first.version)
    learning.activate_version(second.version)
    assert learning.rollback().version == first.version
    assert learning.rollback().version == learning.SHIPPED


def test_activating_an_unknown_version_or_a_lost_file_is_refused(decisions):
    with pytest.raises(NotFound):
        learning.activate_version("ngram-nope")
    row = learning.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL)
    absolute_path(row.path).unlink()
    with pytest.raises(InvalidInput):
        learning.activate_version(row.version)
    assert learning.active_version().version == learning.SHIPPED


def test_cli_trains_lists_activates_and_rolls_back(decisions, capsys):
    call_command("moderation", "train", "--from-decisions", "--fine-tune", "--seed", "3")
    out = capsys.readouterr().out
    version = ClassifierVersion.objects.exclude(version="shipped").get().version
    assert f"trained {version} (fine-tune)" in out and "active  shipped" in out
    call_command("moderation", "classifier", "activate", version)
    call_command("moderation", "classifier", "list")
    assert f"* {version}" in capsys.readouterr().out
    call_command("moderation", "classifier", "rollback")
    assert "shipped is now active" in capsys.readouterr().out


# --- agreement --------------------------------------------------------------------------------


def test_agreement_is_counted_per_category_and_language(moderator):
    decide(moderator, "a", "remove", suggested="remove", category="hate", language="en")
    decide(moderator, "b", "approve", suggested="label", category="hate", language="zh")
    decide(moderator, "c", "label", suggested="label", category="spam", language="zh")
    stats = selectors.agreement_stats()
    assert stats["overall"] == {"n": 3, "agreed": 2, "share": 0.6667}
    assert {r["key"]: (r["n"], r["agreed"]) for r in stats["by_category"]} == {
        "hate": (2, 1),
        "spam": (1, 1),
    }
    assert {r["key"]: (r["n"], r["agreed"]) for r in stats["by_language"]} == {
        "en": (1, 1),
        "zh": (2, 1),
    }


def test_items_where_the_ai_was_most_wrong_come_first(moderator):
    confident, _ = decide(moderator, "x", "approve", suggested="remove", confidence=0.97)
    decide(moderator, "y", "approve", suggested="label", confidence=0.6)  # unsure: not listed
    missed, _ = decide(moderator, "z", "remove", suggested="allow", confidence=0.1)
    decide(moderator, "w", "remove", suggested="remove", confidence=0.99)  # agreed
    assert list(selectors.most_wrong()) == [confident, missed]
    assert list(selectors.most_wrong(limit=1)) == [confident]


def test_an_admin_activates_a_version_from_the_admin_list(decisions, client):
    row = learning.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL)
    make_user("root_admin", is_staff=True, is_superuser=True)
    client.login(username="root_admin", password="correct horse battery")
    listing = client.get("/admin/moderation/classifierversion/").content.decode()
    assert "shipped" in listing and row.version in listing
    # The shipped model's own thresholds, per language, as the policies act at them.
    zh = classifier.get_model().thresholds("zh")
    assert f"zh: label at ≥ {zh['label']:.2f}, hold at ≥ {zh['hold']:.2f}" in listing
    response = client.post(
        "/admin/moderation/classifierversion/",
        {"action": "activate", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    assert learning.active_version() == row
    assert AuditEntry.objects.get(action="classifier:activate").actor_name == "root_admin"
