"""holdout11 (suite/holdout11): written in session 19 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under the repository, in a folder
outside it), while another helper tuned the rules on holdout10 (and never opened it). It was asked
for harassment, threats, hate, paraphrased abuse with no rude word, slurs, scams, spam and every
disguise (pinyin, homophones, homoglyphs, leet, masks, traditional characters, styled letters,
full width, emoji inside words or for characters, zero-width characters, spacing, split
characters, repeats), on themes the earlier sets did not use (fan wars, exam-cheating rings, fake
rentals, pig-butchering, recruitment scams, doxxing, threats against a shop, body shaming,
regional discrimination, "go back to your country" both ways); look-alikes (Scunthorpe, Essex,
faggots the dish, a breeder's bitch, 鬼子姜, 棒子面, "niggardly", birds, quoted abuse being reported,
scam warnings) and newcomer posts. 5 of its sentences were already in an earlier set (compared
after NFKC and case-folding) and were taken out before the figures below.

`crossnote moderation suite --cases holdout11 --errors 0`, rates only, no case read (model
stack-2026-12-06-15777f98-nb throughout):
- at 67b1832 (session 18's rules): evasions caught 219/263 (83.3%; en 118/137, zh 92/116, mixed
  9/10), look-alikes flagged 7/213 (3.3%), 1 held, newcomers 0/86.
- at 96ef7cd (with the rules learnt from holdout10, which took holdout10 itself from 199 to
  260/265): 222/263 (84.4%; en 120/137, zh 93/116, mixed 9/10), look-alikes 7/213, 1 held,
  newcomers 0/86. By kind: paraphrase 10/24, threat 16/24, spam 3/8, scam 7/10, harassment
  22/24, hate 18/18, slur 10/10; the disguises 75-100%.
Three more cases on a blind set for sixty-one on the set the rules were learnt from: the rules
learn sentences more than kinds. Floors with a margin of one case. Blind until session 21, when
helper modtune13 tuned the rules on its misses (datasets.OWN_CASE_SETS): a measure of fit since.
At 253/263 (96.2%) then, look-alikes 7/213, 1 held, newcomers 0/86 (bench/README.md).
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT11_FLOORS = {
    "catch_rate": 0.958,  # 253/263 = 0.9620 (modtune13); one case fewer is 0.9582
    "lookalikes_flagged_rate": 0.0376,  # 7/213 = 0.0329; one case more is 0.03756
    "benign_held": 1,
    "newcomers_flagged": 0,
}


def test_holdout11_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout11",
        OWN_CASE_SETS[: OWN_CASE_SETS.index("holdout11")],  # every set written before it
        lookalikes=210,
        evasions=260,
        newcomers=80,
        per_language=100,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout11_floors():
    check_floors("holdout11", HOLDOUT11_FLOORS)
