"""holdout5 (suite/holdout5): written in session 11 by a helper who never saw the moderation code,
its term lists or the earlier case sets, kept outside the repository while another helper changed
the rules (tuned on holdout4's misses), and measured only at the start and the end (issue 17).

Twelve of its sentences were already in earlier sets (short ones such as a masked slur) and were
taken out before any measuring. `crossnote moderation suite --cases holdout5`, 35f8245 (the
session's start) → 3913cd0 (mod17: person-aimed insult patterns, death wishes, exposure threats,
x-masks, 🪦 as 死, abuse reported for help read as said to no one): evasions caught 123/198 →
125/198 (62.1% → 63.1%), look-alikes flagged 11/170 → 12/170 (6.5% → 7.1%), held 0 → 0,
newcomers acted on 0/72 → 0/72. The same rules took holdout4, which they were tuned on, from
70.8% to 86.9%: what was fixed there barely carries over to sentences nobody tuned on. Weakest
kinds here: threats (3/15), spam (4/15), harassment (5/13), hate (9/16), emoji as characters
(8/14). A second helper (mod17b) was then told those kinds, no sentence, and built patterns for
them from how such things are written (veiled threats, a group noun with a dehumanising
predicate, plain-word harassment, emoji aimed at a person, scams as a combination): at d1888ab
133/198 caught (67.2%; threats 5/15, spam 6/15, hate 11/16, emoji 10/14, harassment 5/13),
look-alikes 12/170, held 0, newcomers 0/72. That helper came to know one sentence here
(a duplicate check against its own cases), which is then no blind measure. The floors
keep it from getting worse, with a margin of one case; this set is blind no longer once a rule
is tuned on its misses (say so here when that happens).

TRAINING DATA since 2026-12-06 (session 12, helper "modlearn", issue 17): first held out to choose
how the classifier's stack learns from the case sets (trained on suite, holdout … holdout4;
pipeline on this set 133/198 → 145/198 caught, look-alikes 12 → 11/170, held 0, newcomers 0/72),
then a training set of the shipped model like the others (datasets.OWN_CASE_SETS): no longer a
blind measure. With the shipped model (`stack-2026-12-06-8041c378`): 140/198, look-alikes
9/170, held 0, newcomers 0/72. The floors stay as a regression guard.

Session 13, helper "modtune": patterns were tuned on this set's misses too (after the ones made
from holdout6's were checked on it: 140 → 142/198), so 168/198, look-alikes 9/170, held 0,
newcomers 0/72. Floors raised with a margin of one case.

Session 15: the classifier retrained on every own set and train9 (stack-2026-12-06-15777f98-nb)
flags two more look-alikes here, 9 -> 11/170 ("shut up, you did NOT meet Jay Chou 😭 …" 0.56;
被陌生人加微信骗了两千… 0.57, at the Chinese threshold): the look-alike floor moved 0.059 -> 0.065,
the one floor that moved away from its target, as the price of the same model catching 139 -> 149/220
on blind holdout8 and 194 -> 198/254 on blind holdout9 (look-alikes there 15 -> 15 and 8 -> 9).
Caught 185/198, held 0, newcomers 0/72.
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT5_FLOORS = {
    "catch_rate": 0.843,  # 168/198 = 0.848; one case fewer is 0.8434
    "lookalikes_flagged_rate": 0.065,  # 11/170 = 0.0647 (session 15; was 9/170)
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout5_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout5",
        ("suite", "holdout", "holdout2", "holdout3", "holdout4"),
        lookalikes=160,
        evasions=190,
        newcomers=70,
        per_language=80,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout5_floors():
    check_floors("holdout5", HOLDOUT5_FLOORS)
