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

Session 14, helper "modtune8": holdout7 retired from blind use and TUNED ON (its misses read and
written as constructions in detectors/patterns.py's modtune8 block, and two innocent readings in
detectors/senses.py): it is a trained-on set from here, its figures no measure of generalisation.
At 040eae9 and again at 8adf9bd, `--errors 0`: evasions caught 147 -> 180/181 (99.4%; the one
left, 我去年买了个表, is a meme that also says what it says), look-alikes flagged 4 -> 2/175
(1.1%), none held, newcomers 0/78. Floors raised with a margin of one case.
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT7_FLOORS = {
    "catch_rate": 0.988,  # 180/181 = 0.9945; one case fewer is 0.9890
    "lookalikes_flagged_rate": 0.018,  # 2/175 = 0.0114; one case more is 0.0171
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
