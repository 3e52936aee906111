"""The public transparency report counts what moderation did — by month, category and who
decided — with appeals, time to decision, withholdings by region and AI/human agreement, on a
page (both languages, SVG bars, no scripts) and in the API."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from crossnote.moderation.models import Appeal, Decision, ReviewItem, Withholding
from crossnote.moderation.transparency import transparency_report
from crossnote.notes.models import Note
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
NOW = timezone.now()
# Two calendar months with data: this one and the one before (a day or two into each).
THIS = NOW.replace(day=1, hour=0, minute=0, second=0, microsecond=0) + timedelta(hours=1)
LAST = (THIS - timedelta(days=5)).replace(day=2)
BEFORE = THIS - timedelta(days=400)  # outside a 12-month window


def dated(row, when, field="created_at"):
    type(row).objects.filter(pk=row.pk).update(**{field: when})
    return row


def decision(action, category, *, automated=True, when=THIS, **extra):
    row = Decision.objects.create(
        kind="note", object_id=1, action=action, category=category, automated=automated, **extra
    )
    return dated(row, when)


def item(created, hours, *, source="report", agreed=True, language="en"):
    row = ReviewItem.objects.create(
        kind="note",
        object_id=1,
        source=source,
        status=ReviewItem.Status.DECIDED,
        decided_at=created + timedelta(hours=hours),
        agreed_with_ai=agreed,
        category="hate",
        language=language,
        outcome="remove",
    )
    return dated(row, created)


@pytest.fixture
def history(mia):
    decision("hold", "harassment", when=LAST)
    decision("label", "profanity", when=LAST)
    decision("remove", "harassment", automated=False)
    appealed = decision("remove", "spam", automated=False)
    decision("label", "profanity")
    decision("allow", "profanity", automated=False)  # approved: not an action
    decision("remove", "spam", automated=False, on_appeal=True)  # an appeal's outcome
    decision("remove", "spam", when=BEFORE)  # before the window
    dated(Appeal.objects.create(decision=appealed, author=mia, text="no", status="upheld"), THIS)
    for status in ("reversed", "open"):
        appeal = Appeal.objects.create(
            decision=decision("label", "hate", when=LAST), author=mia, text="x", status=status
        )
        dated(appeal, LAST)
    item(THIS, 2)
    item(THIS, 4, agreed=False, language="zh")
    item(THIS, 30, source="appeal", agreed=None)
    item(BEFORE, 1)
    note = Note.objects.create(author=mia, title="t", body="b")
    dated(Withholding.objects.create(note=note, regions=["DE", "FR"], legal_basis="NetzDG"), THIS)
    dated(Withholding.objects.create(note=note, regions=["de"], legal_basis="NetzDG"), LAST)
    dated(Withholding.objects.create(note=note, regions=["US"], legal_basis="old"), BEFORE)


def test_report_counts_actions_appeals_time_withholdings_and_agreement(history):
    report = transparency_report(months=3, now=NOW)
    this, last = f"{THIS:%Y-%m}", f"{LAST:%Y-%m}"
    assert report["months"][1:] == [last, this] and len(report["months"]) == 3
    actions = report["actions"]
    # Last month: a hold, a label and the two labels later appealed; this month: two removals
    # and a label. Approvals, appeal outcomes and older decisions are not counted.
    assert (actions["total"], actions["automated"], actions["human"]) == (7, 5, 2)
    by_month = {m["month"]: m for m in actions["by_month"]}
    assert by_month[report["months"][0]]["total"] == 0
    assert (by_month[last]["automated"], by_month[last]["human"]) == (4, 0)
    assert (by_month[this]["automated"], by_month[this]["human"]) == (1, 2)
    assert {c["category"]: c["n"] for c in by_month[this]["categories"]} == {
        "harassment": 1,
        "spam": 1,
        "profanity": 1,
    }
    by_category = {c["category"]: (c["automated"], c["human"]) for c in actions["by_category"]}
    assert by_category == {
        "harassment": (1, 1),
        "profanity": (2, 0),
        "hate": (2, 0),
        "spam": (0, 1),
    }
    appeals = report["appeals"]
    assert (appeals["total"], appeals["upheld"], appeals["reversed"], appeals["open"]) == (
        3,
        1,
        1,
        1,
    )
    assert appeals["reversal_rate"] == 0.5
    time = report["time_to_decision"]
    assert (time["n"], time["median_hours"]) == (3, 4.0)
    assert {s["source"]: s["median_hours"] for s in time["by_source"]} == {
        "appeal": 30.0,
        "report": 3.0,
    }
    assert report["withholdings_by_region"] == [{"region": "DE", "n": 2}, {"region": "FR", "n": 1}]
    agreement = report["agreement"]
    assert agreement["overall"] == {"n": 2, "agreed": 1, "share": 0.5}
    assert [(r["key"], r["n"], r["agreed"]) for r in agreement["by_language"]] == [
        ("en", 1, 1),
        ("zh", 1, 0),
    ]


def test_an_empty_server_has_a_report_of_zeros(db):
    report = transparency_report()
    assert len(report["months"]) == 12 and report["actions"]["total"] == 0
    assert report["time_to_decision"]["median_hours"] is None
    assert report["appeals"]["reversal_rate"] is None
    assert Client().get("/transparency/").status_code == 200


def test_api_gives_the_same_numbers_to_anyone(history):
    response = Client().get("/api/v1/transparency?months=24")
    assert response.status_code == 200
    body = response.json()
    assert len(body["months"]) == 24 and body["appeals"]["total"] == 3
    assert body["withholdings_by_region"][0] == {"region": "DE", "n": 2}


@pytest.mark.parametrize(
    ("accept", "title", "automated"),
    [("en", "Transparency report", "automated"), ("zh-Hans", "透明度报告", "自动")],
)
def test_page_renders_in_both_languages_with_svg_bars_and_no_scripts(
    history, accept, title, automated
):
    page = Client(HTTP_ACCEPT_LANGUAGE=accept).get("/transparency/").content.decode()
    assert f'<h1 class="page-title">{title}</h1>' in page
    assert automated in page
    assert 'data-testid="month-chart"' in page and "<rect" in page
    main = page.split("<main", 1)[1].split("</main>")[0]
    assert "<script" not in main and "://" not in main
    assert 'data-testid="regions"' in page and 'data-region="DE"' in page


def test_guidelines_link_to_the_transparency_report(db):
    page = Client().get("/guidelines/").content.decode()
    assert 'href="/transparency/"' in page


def test_anonymous_visitors_see_the_page_but_nothing_identifying(history, mia):
    make_user("reader")
    page = Client().get("/transparency/").content.decode()
    assert mia.username not in page and "NetzDG" not in page
