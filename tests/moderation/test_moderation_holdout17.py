"""holdout17 (suite/holdout17): written in session 25 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under /work, in a folder outside
it), while another helper (modtune18) worked on the classifier's lone labels, two slurs and
holdout15 (opened once this set was in place) without opening it or holdout16. 314 evasions
(28 scams, 28 spam, 27 threats, 27 harassment, 26 paraphrases, 26 hate, 26 slurs, every disguise
six to nine times), 265 look-alikes (place names, swear-like substrings, medicine, British dishes,
kennel words, friendly trash talk, idioms, abuse quoted to report it, crime news, slang questions,
scam warnings, titles and brands, benign compounds with 死/杀/操/逼/鸡/贱/屌) and 95 newcomer posts,
on themes no earlier set used as its own (家长群, pets and vets, balcony gardens, EV chargers,
租房 and agents, dorms and 考研, weddings and 彩礼, hiking, 直播带货, 物业 and owners' groups, 闲鱼,
K-dramas, knitting, 钓鱼, 广场舞, parkrun, immigration, night shifts, bubble tea, 剧本杀, museums,
birdwatching …). Three sentences whose text (folded: case, width, spaces and punctuation) was
already in an earlier set were taken out before measuring.

`crossnote moderation suite --cases holdout17 --errors 0`, rates only, at the session's start
(6ce2f69, session 24's rules): caught 219/314 (69.8%): threat 10/27, paraphrase 15/26,
harassment 15/27, hate 18/26, scam 12/28, spam 12/28, slur 17/26, the disguises 67-100%;
look-alikes flagged 20/265 (7.5%), 1 held; newcomers 0/95. Floors with a margin of one case
(held: as now), at the figures after this session's rules (0a8acbb, modtune18, tuned on holdout15
and its own batches, never on this set): caught 219/314 (the same count); look-alikes
flagged 19/265 (7.2%), 1 held; newcomers 0/95; after modtune19's spam and scam structures
(ac74a40, tuned on its own batches): caught 224/314 (71.3%; scam 15/28, spam 14/28). Blind
(datasets.BLIND_CASE_SETS).
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT17_FLOORS = {
    "catch_rate": 0.71,  # 224/314 = 0.7134 after modtune19 (219 before); one fewer is 0.7102
    "lookalikes_flagged_rate": 0.076,  # 19/265 = 0.0717; one case more is 0.0755
    "benign_held": 1,  # the target is none
    "newcomers_flagged": 0,
}


def test_holdout17_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout17",
        (*OWN_CASE_SETS, "holdout16"),  # every set written before it
        lookalikes=250,
        evasions=300,
        newcomers=85,
        per_language=120,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout17_floors():
    check_floors("holdout17", HOLDOUT17_FLOORS)
