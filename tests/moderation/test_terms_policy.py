"""Context before action, end to end: a lone ambiguous term hit labels at most, agreeing signals
act in full, contact-sharing from a newcomer is not spam, real scams still are; the starter
lists in the database carry the ambiguous marks and the new core abuse."""

import pytest

from crossnote.moderation import engine
from crossnote.moderation.detectors.base import Signal, Span
from crossnote.moderation.models import Decision, Policy, Term
from crossnote.notes.models import ModerationState
from crossnote.notes.services import create_note
from tests.conftest import make_user, upload

pytestmark = pytest.mark.django_db


def term(category, rule, *, ambiguous):
    return Signal(layer="terms", category=category, score=1.0, rule=rule, ambiguous=ambiguous)


def test_a_lone_ambiguous_hit_labels_at_most_and_keeps_no_account_action():
    Policy.objects.filter(name="Hate terms").update(account_action="suspend")
    engine.forget_policies()
    verdict = engine.decide([term("hate", "terms:en-hate#1", ambiguous=True)], kind="note")
    assert verdict.action == "label"
    assert verdict.category == "hate" and verdict.label_text
    assert verdict.policy is None  # the hold policy's suspension must not follow a label
    assert [s.rule for s in verdict.signals] == ["terms:en-hate#1"]


def test_an_unambiguous_hit_holds():
    verdict = engine.decide([term("hate", "terms:en-hate#1", ambiguous=False)], kind="note")
    assert verdict.action == "hold"


def test_agreeing_signals_let_an_ambiguous_hit_act_in_full():
    two_terms = [
        term("harassment", "terms:zh-harassment#1", ambiguous=True),
        term("harassment", "terms:zh-harassment#2", ambiguous=True),
    ]
    assert engine.decide(two_terms, kind="note").action == "hold"
    # Classifier signals carry the model's own thresholds per action (None: never alone).
    thresholds = {"label": 0.5, "hold": None}
    classifier = Signal(
        layer="classifier", category="profanity", score=0.99, rule="classifier:x",
        thresholds=thresholds,
    )  # fmt: skip
    with_classifier = [term("harassment", "terms:zh-harassment#1", ambiguous=True), classifier]
    # The classifier reads the same words as the term list: its agreement is not independent
    # (issue 17: "the bitch had six puppies" was held on term + classifier + alt-profanity).
    assert engine.decide(with_classifier, kind="note").action == "label"
    # A layer that does not read words (the LLM guard) acting by itself does agree.
    guard = Signal(layer="llm_guard", category="hate", score=0.9, rule="llm_guard:x")
    with_guard = [term("harassment", "terms:zh-harassment#1", ambiguous=True), guard]
    assert engine.decide(with_guard, kind="note").action == "hold"
    # A classifier score below every policy's threshold does not agree.
    weak = Signal(
        layer="classifier", category="profanity", score=0.2, rule="classifier:x",
        thresholds=thresholds,
    )  # fmt: skip
    alone = [term("harassment", "terms:zh-harassment#1", ambiguous=True), weak]
    assert engine.decide(alone, kind="note").action == "label"


def test_a_term_nested_in_another_does_not_agree_with_it():
    outer = term("harassment", "terms:zh-harassment#1", ambiguous=True)  # 草泥马
    inner = term("harassment", "terms:zh-harassment#2", ambiguous=True)  # 泥马 inside it
    outer.spans.append(Span(0, 3, "草泥马"))
    inner.spans.append(Span(1, 3, "泥马"))
    assert engine.decide([outer, inner], kind="note").action == "label"
    elsewhere = term("harassment", "terms:zh-harassment#3", ambiguous=True)
    elsewhere.spans.append(Span(5, 7, "去死"))
    assert engine.decide([outer, inner, elsewhere], kind="note").action == "hold"


def test_a_lone_ambiguous_spam_hit_does_nothing_but_a_lure_agrees():
    contact = term("spam", "terms:zh-spam#1", ambiguous=True)
    assert engine.decide([contact], kind="note").action == "allow"
    lure = term("scam", "terms:zh-scam#9", ambiguous=False)
    assert engine.decide([contact, lure], kind="note").action == "hold"
    # An offensive signal does not make contact-sharing spam.
    insult = term("harassment", "terms:zh-harassment#1", ambiguous=False)
    verdict = engine.decide([contact, insult], kind="note")
    assert verdict.category == "harassment"


@pytest.fixture
def newcomer(db):
    return make_user("new_here", display_name="新人", region="CN", languages=["zh"])


def post(author, body):
    note = create_note(author=author, title="你好", body=body, images=[upload()])
    note.refresh_from_db()
    return note


@pytest.mark.parametrize(
    "body",
    [
        "可以加微信吗？想练习中文",
        "新人报到，求互关～",
        "follow for follow? I'm new here",
        "孩子回去死活不肯写作业",
        "这道题我要去死磕到底",
        "我们周末去智障儿童康复中心做志愿者",
        "他马的尾巴很长",
        "These chemicals retard plant growth",
    ],
)
def test_newcomers_and_look_alikes_are_not_acted_on(newcomer, body):
    note = post(newcomer, body)
    assert note.moderation == ModerationState.VISIBLE
    assert not Decision.objects.filter(kind="note", object_id=note.pk).exists()


@pytest.mark.parametrize(
    ("body", "state"),
    [
        ("加微信领取红包", ModerationState.HELD),
        ("DM me for crypto returns", ModerationState.HELD),
        ("你妈死了", ModerationState.HELD),
        ("nmsl", ModerationState.HELD),
        ("草泥马", ModerationState.HELD),
        ("你就是个傻😂逼", ModerationState.HELD),
    ],
)
def test_real_scams_and_core_abuse_are_still_acted_on(newcomer, body, state):
    assert post(newcomer, body).moderation == state


def test_starter_lists_in_the_database_carry_the_marks_and_the_new_terms():
    assert Term.objects.get(term="你妈死了", term_list__name="zh-harassment").ambiguous is False
    assert Term.objects.get(term="加微信").ambiguous is True
    assert Term.objects.get(term="retard").ambiguous is True
    assert "去死磕" in Term.objects.get(term="去死").exceptions
