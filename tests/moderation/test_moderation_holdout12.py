"""holdout12 (suite/holdout12): written in session 20 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under /work, in a folder outside
it). It was asked to weight the evasions towards what the rules catch least on blind sets —
abuse carried by meaning with no rude word (46 paraphrases, 32 threats, veiled or explicit),
harassment, hate, scams and spam — with every disguise at least five times, on themes no earlier
set used (esports, parents' groups, dating apps, landlords and tenants, delivery riders, 996
offices, livestream selling, cosplay, gyms, K-pop, hospital queues, second-hand trading, fake visa
agents, ticket scams, fake charity, crypto mentors, spiritual healers, MLM); look-alikes from
place names (Penistone, Shitterton, Bitche, 鸡西, 尼玛县), medicine, chemistry, farming, history,
films, sports, cooking, gaming and kind teasing; newcomer posts. 4 of its sentences were already
in an earlier set (after NFKC and case-folding) and one look-alike used a swear word as a swear
word ("the valley smells like shit"): taken out before the figures below.

`crossnote moderation suite --cases holdout12 --errors 0`, rates only, no case read, at 0b76040
(session 19's rules, model stack-2026-12-06-15777f98-nb): evasions caught 170/270 (63.0%; en
84/138, zh 79/123, mixed 7/9), look-alikes flagged 5/238 (2.1%), 0 held, newcomers 1/84. By
kind: threat 8/32, paraphrase 16/46, spam 2/16, scam 8/16, hate 12/21, slur 8/11, harassment
24/27; the disguises 80-100%. Harder than holdout11 (84.4% at the same rules) by design: the
meaning side is where blind catch is lost. Floors with a margin of one case on the rates.
Blind until session 21, when helper modtune13 tuned the rules on its misses
(datasets.OWN_CASE_SETS): a measure of fit since. At 256/270 (94.8%) then, look-alikes 5/238,
0 held, newcomers 1/84 (bench/README.md).
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT12_FLOORS = {
    "catch_rate": 0.944,  # 256/270 = 0.9481 (modtune13); one case fewer is 0.9444
    "lookalikes_flagged_rate": 0.0253,  # 5/238 = 0.0210; one case more is 0.02521
    "benign_held": 0,
    "newcomers_flagged": 1,
}


def test_holdout12_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout12",
        OWN_CASE_SETS[: OWN_CASE_SETS.index("holdout12")],  # every set written before it
        lookalikes=230,
        evasions=265,
        newcomers=80,
        per_language=110,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout12_floors():
    check_floors("holdout12", HOLDOUT12_FLOORS)
