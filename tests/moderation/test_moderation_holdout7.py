"""holdout7 (suite/holdout7): written in session 13 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures, in a folder outside the repository; the
kinds asked for were those of holdout6 (paraphrase among them: abuse with no swear word), plus
abuse arising between American and Chinese users. 26 of its sentences were already in earlier
sets (compared after NFKC and case-folding) and were taken out before any measuring.

`crossnote moderation suite --cases holdout7 --errors 0` at 2e535c4 (session 12's rules and
model; rates only, no case read): evasions caught 140/181 (77.3%; en 74/98, zh 56/72, mixed
10/11), look-alikes flagged 4/175 (2.3%), none held, newcomers acted on 0/78. Weakest kinds:
spam 4/12, paraphrase 9/25, threat 6/10, homophone 9/12. The floors keep it from getting worse,
with a margin of one case. This set is blind (datasets.BLIND_CASE_SETS): never trained on, and
blind no longer once a rule is tuned on its misses (say so here then).

Session 13, helper "modtune" (patterns for the kinds holdout6 and holdout5 missed, tuned on those
sets only), measured once at f3b14da, `--errors 0`: evasions caught 140 -> 147/181 (81.2%; en
78/98, zh 59/72, mixed 10/11; paraphrase 9 -> 13/25, spam 4 -> 5/12, threat 6 -> 7/10),
look-alikes flagged 4/175 unchanged, none held, newcomers 0/78. Floors raised with a margin of one
case. Still blind.
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT7_FLOORS = {
    "catch_rate": 0.806,  # 147/181 = 0.8122; one case fewer is 0.8066
    "lookalikes_flagged_rate": 0.029,  # 4/175 = 0.0229; one case more is 0.0286
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout7_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout7",
        ("suite", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6"),
        lookalikes=170,
        evasions=175,
        newcomers=75,
        per_language=70,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout7_floors():
    check_floors("holdout7", HOLDOUT7_FLOORS)
