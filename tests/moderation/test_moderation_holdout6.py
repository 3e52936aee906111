"""holdout6 (suite/holdout6): written in session 12 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures, in a folder outside the repository; the
kinds asked for were those of holdout5 plus "paraphrase" (abuse with no swear word: insults by
implication, hate phrased as opinion, threats by implication, scams with no money word).
Fourteen of its sentences were already in earlier sets and were taken out before any measuring.

`crossnote moderation suite --cases holdout6` at bd6e8ed (the rules of session 11, untouched):
evasions caught 148/199 (74.4%; en 77/99, zh 71/100), look-alikes flagged 11/177 (6.2%), two of
them held, newcomers acted on 0/75. Weakest kinds: paraphrase 5/20, harassment 6/13, slur 7/12,
threat 7/13, spam 8/14. The floors keep it from getting worse, with a margin of one case; the
two held look-alikes are a known failure (the issue says none held): lower that floor when they
are fixed. This set is blind no longer once a rule is tuned on its misses (say so here then).

Session 12, helper "modlearn" (issue 17): the classifier's stack learns from the earlier case
sets (datasets.OWN_CASE_SETS; this one is datasets.BLIND_CASE_SETS, never opened by training:
tests/moderation/test_modlearn_training.py). Measured once, `--errors 0` (rates only), with
`stack-2026-12-06-8041c378`: evasions 148 → 150/199 (75.4%; en 79/99, zh 71/100), look-alikes
flagged 11 → 5/177 (2.8%), held 2 → 2, newcomers 0/75; paraphrase still 5/20. Floors raised
with a margin of one case. Still blind.

Session 13: holdout7 is the blind set now; holdout6 is trained on (datasets.OWN_CASE_SETS) and
its floors only guard against regressions. Helper "modtune" tuned rules on its misses (the
patterns at the end of detectors/patterns.py, slurs in the plural: tests/moderation/
test_modtune_patterns.py), so it is no measure of them: evasions 150 → 184/199 (92.5%),
look-alikes 5/177, held 2 → 0 (a rule or a slur quoted is a mention: detectors/senses.py),
newcomers 0/75 (the shipped classifier unchanged). Floors raised with a margin of one case;
none held.
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT6_FLOORS = {
    "catch_rate": 0.919,  # 184/199 = 0.925; one case fewer is 0.9196
    "lookalikes_flagged_rate": 0.034,  # 5/177 = 0.028; one case more is 0.0339
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout6_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout6",
        ("suite", "holdout", "holdout2", "holdout3", "holdout4", "holdout5"),
        lookalikes=170,
        evasions=190,
        newcomers=70,
        per_language=85,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout6_floors():
    check_floors("holdout6", HOLDOUT6_FLOORS)
