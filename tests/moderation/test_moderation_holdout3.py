"""holdout3 (suite/holdout3), written before session 9 changed any rule and only measured on
(issue 17): its own sentences, big enough, and the pipeline held to what it achieved.

`crossnote moderation suite --cases holdout3`, before (6778853) → after session 9's rules
(7dce997-cd18670): evasions 87/111 → 90/111 (81.1%; zh 44 → 46/61, en 38 → 39/44, mixed 5/6),
look-alikes flagged 15/147 → 14/147 (9.5%; en 12 → 11/77, zh 2/67, mixed 1/3), held 1 → 0,
newcomers flagged 1/44 → 1/44. Far from the issue's targets: the floors only keep it from
getting worse, and move towards the targets as rules improve.

Session 10 (421777a-9a2edd5: split characters, Chinese slang in the lists, a digit read aloud,
threats and abuse without a listed word; fixed by kind, none of the set's strings added):
evasions 90/111 → 106/111 (95.5%; zh 46 → 58/61, en 39 → 43/44, mixed 5/6), look-alikes 14/147
unchanged, held 0, newcomers 1/44. The catch floor moves up with a margin of one case.

TRAINING DATA since 2026-12-06 (session 12, helper "modlearn", issue 17): this set's sentences
are training rows of the classifier's stack (datasets.OWN_CASE_SETS: the embedding head learns
them; scored out of fold they help choose the stack's weights and thresholds). Its figures now
flatter the pipeline; the floors stay as a regression guard. With that model
(`stack-2026-12-06-8041c378`): evasions 107/111, look-alikes 7/147, held 0, newcomers 1/44 (the
same Chinese post as before; clearing it would cost COLD 0.018 macro-F1, so the stack's zh label
threshold was left where validation put it).
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT3_FLOORS = {
    "catch_rate": 0.945,
    "lookalikes_flagged_rate": 0.105,
    "benign_held": 0,
    "newcomers_flagged": 1,
}


def test_holdout3_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout3",
        ("suite", "holdout", "holdout2"),
        lookalikes=120,
        evasions=80,
        newcomers=40,
        per_language=40,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout3_floors():
    check_floors("holdout3", HOLDOUT3_FLOORS)
