"""holdout13 (suite/holdout13): written in session 21 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under /work, in a folder outside
it), while another helper (modtune13) tuned rules on holdout11 and holdout12 without opening it.
Weighted to abuse carried by meaning (47 paraphrases, 37 threats, 26 harassment, 23 hate, 17
scams, 17 spam, 11 slurs) with every disguise six times, on themes no earlier set used
(university dorms, weddings, car repair, fishing, nursing homes, ride-hailing, pet adoption,
karaoke, 广场舞, 考研, 相亲角, 小区业主群, 驾校, 剧本杀 …); look-alikes quoting abuse to condemn it,
asking what a word means, crime news, teasing between friends; newcomer posts. One evasion and
one look-alike already in an earlier set were taken out (279 evasions, 239 look-alikes, 85
newcomers).

`crossnote moderation suite --cases holdout13 --errors 0`, rates only: at the session's start
(b69bd33, session 20's rules) caught 164/279 (58.8%), look-alikes 12/239 (5.0%, all labels),
0 held, newcomers 0/85; after modtune13's rules (holdout11 and holdout12 learnt: 222 -> 253/263
and 170 -> 256/270 there) caught 171/279 (61.3%): threat 6/37, paraphrase 10/47, spam 7/17,
scam 8/17, hate 16/23, harassment 15/26; the disguises 83-100%. As on every blind set before it,
rules learnt from one set's sentences reach few of a new writer's. Floors with a margin of one
case. Blind until session 22, when helper modtune14 tuned the rules on its misses
(datasets.OWN_CASE_SETS): a measure of fit since. After modtune14's rules (construction families
for veiled menace, details published, insults by implication, persistent harassment, a group said
to ruin or control, commercial pairs) caught 267/279 (95.7%): threat 35/37, paraphrase 42/47,
harassment 26/26, hate 23/23, scam 17/17, spam 15/17; look-alikes still 12/239 (5.0%, all
labels), 0 held, newcomers 0/85. The floor is raised with a margin of one case.
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT13_FLOORS = {
    "catch_rate": 0.953,  # 267/279 = 0.9570; one case fewer is 0.9534 (171/279 before modtune14)
    "lookalikes_flagged_rate": 0.0545,  # 12/239 = 0.0502; one case more is 0.05439
    "benign_held": 0,
    "newcomers_flagged": 0,
}


def test_holdout13_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout13",
        OWN_CASE_SETS[: OWN_CASE_SETS.index("holdout13")],  # every set written before it
        lookalikes=230,
        evasions=270,
        newcomers=80,
        per_language=110,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout13_floors():
    check_floors("holdout13", HOLDOUT13_FLOORS)
