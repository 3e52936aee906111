"""holdout8 (suite/holdout8): written in session 14 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures, in a folder outside the repository. It was
asked for the kinds of holdout7 with more paraphrase (abuse with no offensive word: 36 cases),
themes the earlier sets did not use (fandom fights, gaming lobbies, rental disputes, regional
rivalries, religion, disability, the elderly) and look-alikes of a harder sort: slurs quoted to
condemn or explain them, affectionate swearing between friends, self-deprecation, medical and
place names. 3 of its sentences were already in earlier sets (compared after NFKC and
case-folding) and were taken out before any measuring.

`crossnote moderation suite --cases holdout8 --errors 0` at b150d7b (session 13's rules and model;
rates only, no case read): evasions caught 136/220 (61.8%; en 60/109, zh 58/88, mixed 18/23),
look-alikes flagged 15/177 (8.5%), 1 held, newcomers acted on 2/79. Weakest kinds: harassment
2/15, threat 3/13, paraphrase 9/36, spam 5/15. Far below holdout7's first reading (77.3%, 2.3%):
the earlier blind sets flattered the rules, as dev splits flatter a model. The floors keep it
from getting worse, with a margin of one case. This set is blind (datasets.BLIND_CASE_SETS):
never trained on, and blind no longer once a rule is tuned on its misses (say so here then).

Session 14, helper "modtune8" (rules for holdout7's misses, tuned on holdout7 and the earlier
sets; holdout7 180/181 after it), measured once at 46e4733, `--errors 0`: evasions caught
136 -> 139/220 (63.2%; en 61/109, zh 60/88, mixed 18/23; homophone 8 -> 10/12, slur 10 -> 11/14),
look-alikes flagged 15/177 unchanged, 1 held, newcomers 2/79. A rule round that took its own set
from 81% to 99% moved the blind set by three cases: rules written for a set's misses learn its
wording, not the kind of abuse. Floors raised with a margin of one case. Still blind.

Session 15: the classifier retrained on every own set and train9 (970 sentences of abuse by
meaning written to be trained on; helper "modretrain"; stack-2026-12-06-15777f98, then its English
label-alone threshold raised 0.51 -> 0.52 above the highest newcomer post: -nb), measured with
`--errors 0`: evasions caught 139 -> 149/220 (67.7%), look-alikes flagged 15/177 unchanged, 1
held, newcomers 2/79 (the model before the threshold was raised: 150/220, the same otherwise).
Floors raised with a margin of one case. Still blind: no case read, nothing tuned on it.

Session 18, helper "modtune10": NO LONGER BLIND. Its misses and false alarms were read and
grouped by construction into rules (detectors/patterns.py, the modtune10 block; senses and
benign compounds), each tried on the helper's own sentences (test_modtune10_rules.py), and it
is a training set now (datasets.OWN_CASE_SETS). At 44b5b44+, `--errors 0`: evasions caught
149 -> 219/220 (99.6%), look-alikes flagged 15 -> 9/177 (5.1%), held 1 -> 0, newcomers 2/79
(both the classifier alone: 德州, 私信). Its figures are tuned-on figures, not a measure: the
blind measure of these rules was holdout9 before it was read (198 -> 203/254, 9/193). Floors
raised with a margin of one case.
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT8_FLOORS = {
    "catch_rate": 0.990,  # 219/220 = 0.9955; one case fewer is 0.9909
    "lookalikes_flagged_rate": 0.057,  # 9/177 = 0.0508; one case more is 0.0565
    "benign_held": 0,
    "newcomers_flagged": 2,
}


def test_holdout8_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout8",
        (
            "suite",
            "holdout",
            "holdout2",
            "holdout3",
            "holdout4",
            "holdout5",
            "holdout6",
            "holdout7",
        ),
        lookalikes=170,
        evasions=210,
        newcomers=75,
        per_language=75,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout8_floors():
    check_floors("holdout8", HOLDOUT8_FLOORS)
