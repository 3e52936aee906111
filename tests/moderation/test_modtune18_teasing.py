"""Issue 17, session 25, helper "modtune18": a mild insult inside affection is teasing (holdout15
held "To my idiot brother who drove 6 hours to help me move: love you, you absolute clown": two
listed insults agreeing). The term layer drops mild insults (senses.MILD_INSULTS) in a text whose
frame is affection (senses.lone_frame), never where it addresses someone in earnest. Sentences
written here (/tmp/modtune18/b6, written before the change: 2 of 6 flagged, 1 of 6 after)."""

import pytest

from crossnote.moderation.selectors import screen_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Brother forgot his own passport at the airport. Such a moron. Love this guy.",
        "To my idiot sister who flew across the world for my wedding: love you, you absolute fool.",
    ],
)
def test_teasing_in_affection_is_not_held_or_listed(text):
    signals, verdict = screen_text(text, kind="note")
    assert verdict.action not in ("hold", "remove")
    assert not [s for s in signals if s.layer == "terms"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "You're such a worthless idiot, nobody could ever love you.",
        "Love how you think anyone cares, you pathetic clown. Log off.",
        "你这种废物也配谈恋爱？",
    ],
)
def test_insult_meant_is_still_acted_on(text):
    _, verdict = screen_text(text, kind="note")
    assert verdict.acts
