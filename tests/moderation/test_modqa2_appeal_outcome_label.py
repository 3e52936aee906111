"""An appeal's outcome statement labels the moderator's reason: "你的申诉已审核，维持原决定。Upheld：…"
ran the moderator's words into the outcome sentence, read as if they were part of it."""

import pytest

from crossnote.moderation import services
from crossnote.moderation.models import Decision, ReviewItem
from crossnote.notes.services import add_comment, create_note
from tests.conftest import make_moderator, upload

pytestmark = pytest.mark.django_db
HELD = "你这个傻逼"  # the harassment term list holds it


def appealed(author, note_author, body):
    note = create_note(author=note_author, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=author, body=body)
    decision = Decision.objects.get(kind="comment", object_id=comment.pk)
    services.appeal_decision(author=author, decision_id=decision.pk, text="It was a joke")
    item = ReviewItem.objects.get(appeal__decision=decision)
    senior = make_moderator(f"sen_{author.username}", group="senior moderator", region="US")
    services.claim_item(item_id=item.pk, moderator=senior)
    return item, senior, comment


def outcome(comment) -> str:
    return Decision.objects.get(kind="comment", object_id=comment.pk, on_appeal=True).statement


def test_an_upheld_appeal_labels_the_reason_in_chinese(lin, mia):
    item, senior, comment = appealed(lin, mia, HELD)
    services.decide_appeal(item_id=item.pk, moderator=senior, outcome="uphold", reason="他侮辱别人")
    assert outcome(comment) == "你的申诉已审核，维持原决定。 审核员给出的理由：他侮辱别人"


def test_an_upheld_appeal_labels_the_reason_in_english(lin, mia):
    item, senior, comment = appealed(mia, lin, "you stupid idiot, get lost")
    services.decide_appeal(
        item_id=item.pk, moderator=senior, outcome="uphold", reason="It insults a person"
    )
    assert outcome(comment) == (
        "Your appeal was reviewed and the decision upheld. "
        "The moderator's reason: It insults a person"
    )


def test_a_reversal_without_a_reason_has_no_empty_label(lin, mia):
    item, senior, comment = appealed(lin, mia, HELD)
    services.decide_appeal(item_id=item.pk, moderator=senior, outcome="reverse", reason="")
    assert outcome(comment) == "你的申诉已被接受，原决定已撤销。"
