"""The senior moderator deciding an appeal reads the statement the author received written again
in their own language from the decision's parts (by the code that wrote it for the author), not
a machine gloss of the author's Chinese statement; the author's version stays one click away.
Each form of statement: a moderator's (reason, legal basis, whether automated means flagged it),
an automated decision's (action, category, evidence) and a regional withholding's."""

import pytest
from django.conf import settings

from crossnote.moderation.models import Decision, ReviewItem
from crossnote.moderation.services import withhold_note
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
REASON = "Insulting the neighbours"


@pytest.fixture(autouse=True)
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


def appeal_of(decision, author, text="我只是在抱怨噪音。") -> ReviewItem:
    response = client_of(author).post(
        f"/api/v1/decisions/{decision.pk}/appeal", {"text": text}, content_type=JSON
    )
    assert response.status_code == 201
    return ReviewItem.objects.get(appeal__decision=decision)


def senior(username="senior_joe", languages=("en",)):
    return make_moderator(
        username, region="US", languages=list(languages), group="senior moderator"
    )


def reported(author, reporter, body="楼上的邻居又吵到半夜"):
    note = create_note(author=author, title="邻居", body=body, images=[upload()])
    client_of(reporter).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment"},
        content_type=JSON,
    )
    return note, ReviewItem.objects.get(kind="note", object_id=note.pk)


def test_a_moderators_decision_is_restated_in_the_seniors_language(lin, mia):
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    _note, item = reported(lin, mia)
    moderator_decides(amy, item, action="remove", reason=REASON, legal_basis="StGB §185")
    decision = Decision.objects.get(automated=False, on_appeal=False)
    assert "事实" in decision.statement  # Lin received it in Chinese
    appeal_item = appeal_of(decision, lin)
    joe = senior()
    out = client_of(joe).get(f"/api/v1/moderation/queue/{appeal_item.pk}").json()
    restated = out["appeal"]["decision"]["restatement"]
    assert restated.splitlines() == [
        "What: your note — removed.",
        f"Facts: {REASON}.",  # Amy's own words, already in Joe's language
        "A human moderator reviewed it after a report.",
        "Legal basis: StGB §185.",
        f"Redress: you can appeal within {settings.CROSSNOTE_APPEAL_WINDOW_DAYS} days from the "
        "moderation notices page; a different moderator decides.",
    ]
    assert out["appeal"]["decision"]["statement"]["original"] == decision.statement

    page = client_of(joe).get(f"/moderation/queue/{appeal_item.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'data-testid="decision-statement-restated"' in html
    assert "A human moderator reviewed it after a report." in html
    assert "As the author received it" in html
    assert 'lang="zh-hans" data-testid="decision-statement-original"' in html
    assert "事实" in html


def test_a_chinese_senior_reads_an_english_authors_statement_in_chinese(mia, lin):
    amy = make_moderator("mod_amy", region="US", languages=["en"])
    _note, item = reported(mia, lin, body="My neighbours are idiots")
    moderator_decides(amy, item, action="remove", reason=REASON)
    decision = Decision.objects.get(automated=False, on_appeal=False)
    assert decision.statement.startswith("What: your note")
    appeal_item = appeal_of(decision, mia, text="I was only venting.")
    wang = senior("senior_wang", languages=("zh",))
    restated = (
        client_of(wang)
        .get(f"/api/v1/moderation/queue/{appeal_item.pk}?target=zh")
        .json()["appeal"]["decision"]["restatement"]
    )
    lines = restated.splitlines()
    assert lines[0] == "处理内容：你的笔记——已移除。"
    # Amy's English reason rendered for Wang, her words quoted beside it.
    assert lines[1].startswith("事实：") and f"（审核员原文：“{REASON}”" in lines[1]
    assert lines[2] == "收到举报后由人工审核员审核。"
    page = client_of(wang).get(
        f"/moderation/queue/{appeal_item.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    html = page.content.decode()
    assert "处理内容：你的笔记——已移除。<br>" in html
    assert "根据这项决定本身，用你的语言重新写出。" in html and "作者收到的原文" in html
    assert 'lang="en" data-testid="decision-statement-original">What: your note' in html


def test_an_automated_decision_is_restated_with_its_evidence(lin):
    note = create_note(author=lin, title="赚钱", body="兼职日结 刷单 加微信", images=[upload()])
    decision = Decision.objects.get(kind="note", object_id=note.pk)
    assert decision.automated and decision.statement.startswith("处理")
    appeal_item = appeal_of(decision, lin, text="我是正经兼职")
    out = client_of(senior()).get(f"/api/v1/moderation/queue/{appeal_item.pk}").json()
    assert out["appeal"]["decision"]["restatement"] == (
        "Action: Hold for review. Reason: this may break our guideline on Scams and fraud. "
        "Evidence: term list: “兼职日结”; term list: “刷单”. This was an automated decision; "
        "you can edit your content, and an appeal reaches a human moderator."
    )


def test_a_withholding_is_restated_with_its_regions_and_legal_basis(lin):
    note = create_note(author=lin, title="新闻", body="今天的新闻", images=[upload()])
    decision = withhold_note(note=note, regions=["de"], legal_basis="NetzDG", reference="A-1")
    assert "NetzDG" in decision.statement and decision.statement != ""
    appeal_item = appeal_of(decision, lin, text="这是新闻报道")
    out = client_of(senior()).get(f"/api/v1/moderation/queue/{appeal_item.pk}").json()
    assert out["appeal"]["decision"]["restatement"] == (
        "Your note is withheld for readers in DE. Legal basis: NetzDG (A-1). "
        "Readers elsewhere still see it."
    )


def test_a_reader_of_the_authors_language_reads_the_statement_itself(lin, mia):
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    _note, item = reported(lin, mia)
    moderator_decides(wang, item, action="remove", reason="辱骂邻居")
    decision = Decision.objects.get(automated=False, on_appeal=False)
    appeal_item = appeal_of(decision, lin)
    chen = senior("senior_chen", languages=("zh",))
    out = client_of(chen).get(f"/api/v1/moderation/queue/{appeal_item.pk}?target=zh").json()
    statement = out["appeal"]["decision"]
    assert statement["restatement"] is None
    assert statement["statement"] == {
        "original": decision.statement,
        "translation": None,
        "engine": None,
        "gloss": False,
    }
