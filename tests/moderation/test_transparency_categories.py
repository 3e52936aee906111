"""The transparency page names the real category of automated actions (not "—"), and its
sentences have the right plural in both languages ("1 appeal", "2 appeals")."""

import pytest
from django.test import Client

from crossnote.moderation.models import Appeal, Decision, Policy
from crossnote.moderation.transparency import transparency_report

pytestmark = pytest.mark.django_db


def automated(category="", **extra):
    return Decision.objects.create(
        kind="comment", object_id=1, action="label", category=category, automated=True, **extra
    )


def test_an_automated_action_without_a_category_counts_under_its_policy_or_signal(db):
    automated(policy=Policy.objects.get(name="Spam phrases"))
    automated(signals=[{"layer": "terms", "category": "hate", "score": 1.0}])
    automated("profanity")
    automated()  # nothing to go by
    rows = {row["category"]: row for row in transparency_report()["actions"]["by_category"]}
    assert rows["spam"]["automated"] == 1 and rows["spam"]["name"] != "—"
    assert rows["hate"]["automated"] == 1
    assert rows["profanity"]["automated"] == 1
    assert rows[""]["name"] == "uncategorised"
    assert sum(row["total"] for row in rows.values()) == 4


def test_the_influx_simulation_records_a_category_for_every_decision(db):
    from crossnote.insights.simulation import simulate_influx

    simulate_influx(newcomers=60, baseline_per_day=1.0)
    assert Decision.objects.exists()
    assert not Decision.objects.filter(category="").exists()


def appeals(mia, n):
    for _ in range(n):
        decision = automated("spam", author=mia)
        Appeal.objects.create(decision=decision, author=mia, text="please", status="upheld")


@pytest.mark.parametrize(
    ("n", "language", "expected", "wrong"),
    [
        (1, "en", "1 appeal: 1 upheld", "1 appeals"),
        (2, "en", "2 appeals: 2 upheld", None),
        (1, "zh-hans", "共 1 条申诉", "appeals"),
    ],
)
def test_appeals_are_pluralised_in_both_languages(mia, n, language, expected, wrong):
    appeals(mia, n)
    html = Client().get("/transparency/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    sentence = html.split('data-testid="appeals-sentence">', 1)[1].split("</span>", 1)[0]
    assert expected in " ".join(sentence.split())
    if wrong:
        assert wrong not in sentence


def test_the_category_column_shows_names_in_chinese(db):
    automated(policy=Policy.objects.get(name="Spam phrases"))
    html = Client().get("/transparency/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = html.split('data-testid="categories"', 1)[1].split("</table>", 1)[0]
    assert "垃圾" in table and "—" not in table
