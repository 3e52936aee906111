"""holdout15 (suite/holdout15): written in session 23 by a helper who never saw the moderation code,
its term lists, the earlier case sets or their figures (nothing under /work, in a folder outside
it), while another helper (modtune15) worked on quotations and questions without opening it or
holdout14. 320 evasions (52 paraphrases, 43 threats, 29 harassment, 27 hate, 19 scams, 19 spam,
12 slurs, every disguise seven times), 259 look-alikes (abuse quoted to report or condemn it,
questions about what slang means, films and songs, places and surnames, medicine, violent-sounding
everyday words, gaming, cooking, teasing between friends, angry reviews, scam warnings that quote
the scam) and 94 newcomer posts, on themes such as car repair, fishing, chess, astronomy, the
metro, hospital waiting rooms, karaoke, esports, 闲鱼, renting, 考研, 装修, 直播带货, ride-hailing
and delivery riders. None of its sentences was in an earlier set (one look-alike whose label a
reader could dispute, a couple's pet name 死老头子, was left out).

`crossnote moderation suite --cases holdout15 --errors 0`, rates only, at the session's start
(88614aa, session 22's rules): caught 181/320 (56.6%): threat 8/43, paraphrase 12/52, harassment
10/29, hate 20/27, scam 3/19, spam 7/19, slur 8/12, the disguises 71-100%; look-alikes flagged
34/259 (13.1%), 7 of them held (five quote abuse to report or condemn it, one asks what nmsl
means, one teases a brother); newcomers 0/94. After modtune15's reading of quotations that a post
reports, condemns or asks about (9d176ce; tuned on its own batches and the own sets, never on this
set): caught 181/320, no evasion lost; look-alikes flagged 25/259 (9.7%), 4 held (two quote abuse
to report or criticise it, one asks what nmsl means, one teases a brother). Floors with a margin
of one case (held: as now). In session 24, after modtune17's rules (8d1c323; tuned on holdout14
and its own batches, never on this set or holdout16): caught 189/320 (59.1%; threat 9/43,
paraphrase 14/52, harassment 13/29, scam 4/19), no evasion lost; look-alikes flagged 23/259
(8.9%), 4 held. Blind until session 25, when holdout17 was written and declared blind and this
set was opened to tuning (datasets.OWN_CASE_SETS; helper modtune18). After modtune18's rules
(0a8acbb: the classifier alone not acting on framed texts, holdout15's misses as constructions,
teasing inside affection): caught 220/320 (68.8%; threat 9 -> 30/43, paraphrase 14/52),
look-alikes 16/259 (6.2%), none held, newcomers 0/94: a measure of fit since.
"""

import pytest

from crossnote.moderation.datasets import OWN_CASE_SETS
from tests.moderation.holdout_checks import check_floors, check_its_own_sentences

HOLDOUT15_FLOORS = {
    "catch_rate": 0.703,  # 226/320 = 0.7063 after modtune19 (220 after modtune18); one fewer 0.7031
    "lookalikes_flagged_rate": 0.066,  # 16/259 = 0.0618 after modtune18 (23); one more is 0.0656
    "benign_held": 0,  # 7 at the session's start, 4 before modtune18: the target is none
    "newcomers_flagged": 0,
}


def test_holdout15_is_its_own_sentences_in_both_languages_and_big_enough():
    check_its_own_sentences(
        "holdout15",
        OWN_CASE_SETS[: OWN_CASE_SETS.index("holdout15")],  # every set written before it
        lookalikes=250,
        evasions=300,
        newcomers=85,
        per_language=120,
    )


@pytest.mark.django_db
def test_the_pipeline_holds_the_holdout15_floors():
    check_floors("holdout15", HOLDOUT15_FLOORS)
