"""A moderator's decision outside the review queue (a withholding from the note's page or the CLI)
counts as a human action on the transparency page; the queue's tables below then said "No human
decisions yet." and "Nothing was decided in this period." beside "Decided by a human moderator: 1".
They say what they count: items of the review queue."""

import pytest

from crossnote.moderation import services
from crossnote.notes.services import create_note
from tests.conftest import make_moderator, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, queue_empty, agreement_empty, wrong",
    [
        (
            "en",
            "No item in the review queue was decided in this period.",
            "No item in the review queue was decided by a moderator in this period.",
            ("No human decisions yet.", "Nothing was decided in this period."),
        ),
        (
            "zh-hans",
            "这段时间内审核队列中没有条目被处理。",
            "这段时间内审核员没有处理过审核队列中的条目。",
            ("还没有人工决定。", "这段时间内没有处理任何条目。"),
        ),
    ],
)
def test_a_human_decision_outside_the_queue_is_not_denied_below(
    client, lin, language, queue_empty, agreement_empty, wrong
):
    note = create_note(author=lin, title="Party", body="Loud again", images=[upload()])
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    services.withhold_note(note=note, regions=["DE"], legal_basis="Court order 12/3", by=amy)

    client.cookies["django_language"] = language
    page = client.get("/transparency/").content.decode()

    assert 'data-testid="actions-human">1<' in page
    assert queue_empty in page
    assert page.count(agreement_empty) == 2
    for old in wrong:
        assert old not in page
