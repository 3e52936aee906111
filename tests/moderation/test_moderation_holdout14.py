"""holdout14 (suite/holdout14): written in session 22 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under /work, in a folder outside
it), while another helper (modtune14) tuned rules on holdout13 without opening it. Weighted to
abuse carried by meaning (49 paraphrases, 42 threats, 27 harassment, 27 hate, 19 scams, 19 spam,
11 slurs) with every disguise seven times, on themes no earlier set used (balcony gardening,
photography, hiking, board games, baking, calligraphy, tea, camping, skincare, marathons, aquarium
fish, knitting, piano lessons, libraries, volunteering, kindergarten pick-up, 春运, farmers'
markets, birdwatching, tattoos, thrift fashion, podcasts, bubble tea …); look-alikes that condemn
abuse, ask what slang means, quote films and books, name places, families, diseases and
violent-sounding everyday words; newcomer posts. None of its sentences was in an earlier set.

`crossnote moderation suite --cases holdout14 --errors 0`, rates only: at the session's start
(e96c8ff, session 21's rules) caught 164/313 (52.4%), look-alikes flagged 20/259 (7.7%), held 3,
newcomers 0/92; after modtune14's rules (holdout13 learnt: 171 -> 267/279 there) caught 167/313
(53.4%): threat 9/42, paraphrase 8/49, harassment 4/27, hate 16/27, scam 7/19, spam 7/19, slur
8/11; the disguises 57-100%; look-alikes 20/259 (7.7%; condemning abuse 10/20, asking what slang
means 5/18), 3 of them held. As on every blind set before it, rules learnt from one set's sentences
reach few of a new writer's. In session 23, after modtune15's reading of quotations that a post
reports, condemns or asks about (9d176ce; never tuned on this set or holdout15): caught 167/313,
no evasion lost; look-alikes flagged 17/259 (6.6%), 1 held; after modtune16's reported speech
without quotation marks (0c9fee8), 16/259 (6.2%). Floors with a margin of one case (held: as
now). Blind until session 24, when helper modtune17 tuned the rules on its misses
(datasets.OWN_CASE_SETS): a measure of fit since. After modtune17's constructions (harm said as
its result, a warning beside knowing where someone is, harassment that will not stop, doxxing
handed to others, idioms of contempt, a group said to rule or be weeds, commercial pairs) and a
bar or an emoji masking an insult (mo|ron, lo🙃ser): caught 301/313 (96.2%; threat 42/42,
paraphrase 46/49, harassment 27/27, hate 27/27, scam 19/19, spam 19/19, slur 8/11; every disguise
but emoji_char 4/7 at 6-7/7), look-alikes 16/259, 1 held, newcomers 0/92 (unchanged); after a
sentence that warns about a scam drops that scam's terms (senses.WARNED), look-alikes 14/259
(5.4%), none held (教大家识别刷单诈骗：…全都是骗局 was held); after questions about what a slang
word stands for or how bad it is are read as asking, 11/259 (4.2%); after abuse quoted to condemn
it is read further (骂别人「…」, "we removed him", 气得手抖), 8/259 (3.1%). Batches of
my own written after each version were caught 27 -> 28/64 (batch2, after the first rules), 25 ->
25/59 (batch3, after the first widening) and 17 -> 18/50 (batch4, after the last): the honest
guess at a new writer's set is a point or two, as on every blind set before.
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT14_FLOORS = {
    "catch_rate": 0.964,  # 303/313 = 0.9681 after modtune18 (301 after modtune17); one fewer 0.9649
    "lookalikes_flagged_rate": 0.02,  # 4/259 = 0.0154 after modtune18 (8 before); one more 0.0193
    "benign_held": 0,  # 3 before modtune15 (session 23), 1 before modtune17: the target is none
    "newcomers_flagged": 0,
}


def test_holdout14_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout14",
        OWN_CASE_SETS[: OWN_CASE_SETS.index("holdout14")],  # every set written before it
        lookalikes=250,
        evasions=300,
        newcomers=85,
        per_language=120,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout14_floors():
    check_floors("holdout14", HOLDOUT14_FLOORS)
