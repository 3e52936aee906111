"""holdout10 (suite/holdout10): written in session 18 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures, in a folder outside the repository, while
another helper tuned the rules on holdout8 and holdout9 (who never opened it). It was asked for
every disguise and for abuse by meaning (harassment, threats, veiled ones included, paraphrased
insults, hate without slurs, slurs, scams and spam), look-alikes (innocent kill/die/shoot, 操场,
傻傻的可爱, quotes condemning abuse, place names, affectionate banter) and newcomer posts, on themes
the earlier sets did not use (travel and airports, games and esports, fandoms, teachers,
hospitals, cooking shows, EV owners, festivals, farming, thrifting, crypto, weather, elder care,
nannies, fishing, dorms, landlords abroad, language exchange, the TikTok-to-RedNote move). 2 of
its sentences were already in an earlier set (compared after NFKC and case-folding) and were
taken out before any measuring.

`crossnote moderation suite --cases holdout10 --errors 0`, rates only, no case read (model
stack-2026-12-06-15777f98-nb throughout):
- at 5bde34b (session 17's rules): evasions caught 195/265 (73.6%; en 97/135, zh 91/123, mixed
  7/7), look-alikes flagged 11/213 (5.2%), 1 held, newcomers 0/84.
- at c05d17e (with the rules learnt from holdout8 and holdout9): 199/265 (75.1%; en 98/135, zh
  94/123, mixed 7/7), look-alikes 11/213 (5.2%), 1 held, newcomers 0/84. By kind: paraphrase
  4/23, threat 10/24, hate 10/17, scam 5/10, traditional 4/8, harassment 22/24; every other
  disguise 77-100%.
Abuse carried by meaning is still what passes. Floors with a margin of one case. This set was
blind (datasets.BLIND_CASE_SETS) until session 19.

Session 19, helper "modtune11": NO LONGER BLIND. Its 66 misses and 11 false alarms were read and
grouped by kind into rules and senses (tests/moderation/test_modtune11_rules.py, sentences of my
own), checked on every earlier set: 199 -> 260/265 caught (98.1%), look-alikes 11 -> 1/213
(0.5%; 射手座的人是不是都…, the classifier alone), held 1 -> 0, newcomers 0/84. It is a training set
now (datasets.OWN_CASE_SETS); its figures are tuned-on figures. Floors raised with a margin of
one case.
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT10_FLOORS = {
    "catch_rate": 0.977,  # 260/265 = 0.9811; one case fewer is 0.9774
    "lookalikes_flagged_rate": 0.0094,  # 1/213 = 0.0047; one case more is 0.00939
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout10_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout10",
        # every set written before it (holdout8 and holdout9 among them)
        tuple(name for name in OWN_CASE_SETS if name != "holdout10"),
        lookalikes=210,
        evasions=260,
        newcomers=80,
        per_language=100,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout10_floors():
    check_floors("holdout10", HOLDOUT10_FLOORS)
