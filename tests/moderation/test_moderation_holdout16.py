"""holdout16 (suite/holdout16): written in session 24 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under /work, in a folder outside
it), while another helper (modtune17) tuned the rules on holdout14 without opening it or
holdout15. 306 evasions (51 paraphrases, 43 threats, 29 harassment, 26 hate, 19 scams, 19 spam,
11 slurs, every disguise five to seven times), 260 look-alikes (swear-like compounds and second
senses, quotations of abuse to report it, questions about slang, crime news, titles, teasing
between friends, strong words about things) and 95 newcomer posts, on themes no earlier set used
(K-pop fandoms, cosplay, gyms, hospitals and 挂号, 宠物医院, 考公, online classes, stand-up,
barbers, night markets, skateboarding, vinyl, sneaker resale, 外卖差评, 高铁, 民宿, 社区团购,
双十一, 拼多多, 家长群, 年会, crypto groups, job interviews …). Fourteen evasions whose text (folded:
case, width, spaces and punctuation) was already in an earlier set were taken out before measuring.

`crossnote moderation suite --cases holdout16 --errors 0`, rates only, at the session's start
(e664df7, session 23's rules): caught 196/306 (64.0%): threat 20/43, paraphrase 16/51,
harassment 15/29, hate 21/26, scam 10/19, spam 6/19, slur 6/11, the disguises 60-100%;
look-alikes flagged 17/260 (6.5%), 1 held; newcomers 0/95. Floors with a margin of one case
(held: as now). After modtune17's rules (8d1c323; tuned on holdout14 and its own batches, never
on this set or holdout15): caught 206/306 (67.3%; threat 22/43, paraphrase 18/51, harassment
17/29, scam 14/19), no evasion lost; look-alikes flagged 16/260 (6.2%), 1 held; newcomers 0/95.
In session 25, after modtune18's rules (0a8acbb; tuned on holdout15, its own batches and the
own sets, never on this set or holdout17): caught 208/306 (68.0%; threat 22/43, paraphrase
19/51), no evasion lost; look-alikes flagged 13/260 (5.0%), 1 held; newcomers 0/95; after
modtune19's spam and scam structures (ac74a40): caught 209/306 (spam 7/19), the rest the same.
Blind (datasets.BLIND_CASE_SETS).
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT16_FLOORS = {
    "catch_rate": 0.679,  # 209/306 = 0.6830 after modtune19 (206 before); one fewer is 0.6797
    "lookalikes_flagged_rate": 0.054,  # 13/260 = 0.0500 after modtune18 (16); one more 0.0538
    "benign_held": 1,  # the target is none
    "newcomers_flagged": 0,
}


def test_holdout16_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout16",
        OWN_CASE_SETS,  # every set written before it (holdout15 among them since session 25)
        lookalikes=250,
        evasions=300,
        newcomers=85,
        per_language=120,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout16_floors():
    check_floors("holdout16", HOLDOUT16_FLOORS)
