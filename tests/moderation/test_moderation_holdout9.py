"""holdout9 (suite/holdout9): written in session 15 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures, in a folder outside the repository. It was
asked for every disguise (masks, leetspeak, look-alike letters, spacing, zero-width characters,
full-width and styled letters, emoji inside words, pinyin, homophones, traditional characters,
code-switching) and abuse by meaning (harassment, threats, paraphrase, hate, slurs, spam and
scams), on themes the earlier sets did not use (office life, exams and parents, weddings,
neighbours, sports fans, livestream shopping, delivery riders, dating apps, beauty, gyms, road
rage, housing, pets, immigrants, LGBTQ topics, veterans, customer service), and look-alikes and
newcomer posts on the same themes. 1 of its sentences was already in an earlier set (compared
after NFKC and case-folding) and was taken out before any measuring.

`crossnote moderation suite --cases holdout9 --errors 0`, rates only, no case read:
- at cc194bd (session 14's rules, model stack-2026-12-06-8041c378): evasions caught 194/254
  (76.4%; en 93/126, zh 94/121, mixed 7/7), look-alikes flagged 8/193 (4.1%), none held,
  newcomers 0/83. Every disguise kind 7/7 … 12/12 except mask 16/18, homophone 9/11 and
  abbreviation 5/9; by meaning: paraphrase 4/20, spam 2/8, scam 3/9, threat 8/18, harassment
  11/20, slur 7/10, hate 15/17.
- with the classifier retrained on the own sets and train9 (stack-2026-12-06-15777f98-nb):
  198/254 (78.0%), look-alikes 9/193 (4.7%), none held, newcomers 0/83.
The disguises are caught; abuse carried by meaning is not (a third of it). Floors with a margin
of one case. This set was blind (datasets.BLIND_CASE_SETS) until session 18.

Session 18, helper "modtune10": NO LONGER BLIND. First, rules written for holdout8's misses only
were measured here once, rates only, before any case of this set was read (its honest
validation figure): evasions caught 198 -> 203/254 (79.9%), look-alikes 9/193 (4.7%), none
held, newcomers 0/83. Then its own misses and false alarms were read and grouped into rules
(checked on holdout8 and every earlier set): 247/254 (97.2%), look-alikes 4/193 (2.1%), none
held, newcomers 0/83. It is a training set now (datasets.OWN_CASE_SETS); its figures are
tuned-on figures. Floors raised with a margin of one case.
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT9_FLOORS = {
    "catch_rate": 0.968,  # 247/254 = 0.9724; one case fewer is 0.9685
    "lookalikes_flagged_rate": 0.026,  # 4/193 = 0.0207; one case more is 0.0259
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout9_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout9",
        # every set written before it, train9 and holdout8 included
        tuple(name for name in OWN_CASE_SETS if name != "holdout9"),
        lookalikes=185,
        evasions=245,
        newcomers=80,
        per_language=90,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout9_floors():
    check_floors("holdout9", HOLDOUT9_FLOORS)
