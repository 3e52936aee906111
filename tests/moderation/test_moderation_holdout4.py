"""holdout4 (suite/holdout4): written in session 10 by a helper who changed no rule, kept
outside the repository while two others changed the rules and the classifier, and measured only
at the start and the end (issue 17). It is the session's one blind measure.

`crossnote moderation suite --cases holdout4`, 4a03487 (before) → 0cfd594 (after session 10's
split characters, slang, digits, threat patterns and the classifier's label_alone threshold):
evasions caught 110/168 → 119/168 (65.5% → 70.8%; zh 51 → 58/87, en 56 → 58/76, mixed 3/5),
look-alikes flagged 13/149 → 12/149 (8.1%), held 4 → 4, newcomers acted on 0/60 → 0/60.
Far from the issue's targets (≥ 95% caught, ≤ 2% flagged, none held): the gains measured on the
sets the rules were fixed against (holdout3 90 → 106/111) mostly do not carry over, which is why
this set exists. Weakest kinds: abuse in plain words with no listed term (13/36), split
characters, emoji as characters, code-switching. The floors keep it from getting worse, with a
margin of one case, and move towards the targets as the pipeline improves.

NO LONGER BLIND (2026-12-05, helper "mod17"): its misses and false alarms were read to choose
the next rules (second-person insults, telling someone to leave, death wishes and threats in
Chinese and English, dehumanising a group, threats to expose someone, abuse received and
brought for help, Chinese spaced a character at a time, 🪦 as 死, x and one-letter masks, and
seven listed words: migration 0014).
None of its sentences was added anywhere; the rules' own cases are in the dev suite. After
them: evasions caught 146/168 (86.9%; zh 73/87, en 68/76, mixed 5/5), look-alikes flagged
1/149 (0.7%), held 0, newcomers acted on 0/60. Gains here now flatter the pipeline: only a new
held-out set (holdout5, written elsewhere) measures whether these rules generalise.

Helper "mod17b" (2026-12-05) worked from holdout5's weakest kinds as named (threats, scams,
harassment, hate against a group, emoji as words), not from this set's sentences: veiled
threats, a group called less than human, harassment in plain words, money beside a contact
address, emoji said of a person. This set moved 146 → 148/168 (88.1%), look-alikes 1/149,
held 0, newcomers 0/60; the floor rises with a margin of one case.

TRAINING DATA since 2026-12-06 (session 12, helper "modlearn", issue 17): this set's sentences
are training rows of the classifier's stack (datasets.OWN_CASE_SETS). The floors stay as a
regression guard. With that model (`stack-2026-12-06-8041c378`): evasions 149/168, look-alikes
1/149, held 0, newcomers 0/60. Session 13, helper "modtune" (patterns made from holdout6's and
holdout5's misses, never this set's): 151/168, look-alikes 1/149; floor raised by a case.
"""

import pytest

from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT4_FLOORS = {
    "catch_rate": 0.892,  # 151/168 = 0.899; one case fewer is 0.8929
    "lookalikes_flagged_rate": 0.014,  # 1/149 = 0.0067; one case more is 0.0134
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout4_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout4",
        ("suite", "holdout", "holdout2", "holdout3"),
        lookalikes=140,
        evasions=160,
        newcomers=60,
        per_language=60,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout4_floors():
    check_floors("holdout4", HOLDOUT4_FLOORS)
