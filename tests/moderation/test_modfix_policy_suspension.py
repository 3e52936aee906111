"""A policy whose account action is "suspend" suspends for real: a Suspension on the decision,
so the person reaches the suspended page (why, and the appeal) with the right password instead
of "wrong password", and a reversal on appeal (or a moderator approving the held post) lifts it
and the account signs in again (EU DSA Art. 17, 20)."""

import pytest
from django.test import Client

from crossnote.moderation.engine import forget_policies
from crossnote.moderation.models import AuditEntry, Decision, Policy, ReviewItem, Suspension
from crossnote.notes.services import create_note
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
PASSWORD = "correct horse battery"  # tests.conftest.make_user


@pytest.fixture
def suspended_by_policy(lin):
    """Lin posts a scam phrase under a policy that suspends: the note held, the account off."""
    Policy.objects.filter(name="Scam phrases").update(account_action="suspend")
    forget_policies()
    note = create_note(author=lin, title="赚钱", body="兼职日结 刷单", images=[upload()])
    decision = Decision.objects.get(kind="note", object_id=note.pk, automated=True)
    lin.refresh_from_db()
    return lin, note, decision


def log_in(client, username, password=PASSWORD):
    return client.post("/login/", {"username": username, "password": password})


def test_a_policy_suspension_is_a_suspension_on_its_decision(suspended_by_policy):
    lin, _note, decision = suspended_by_policy
    assert lin.is_active is False
    held = Suspension.objects.get(user=lin, lifted=False)
    assert held.decision == decision and held.until is None  # a policy names no length
    assert AuditEntry.objects.filter(action="suspend", target=f"user:{lin.pk}").exists()


def test_the_right_password_reaches_the_page_and_a_reversal_lets_her_in(suspended_by_policy):
    lin, _note, decision = suspended_by_policy
    browser = Client()
    answer = log_in(browser, lin.username)
    assert answer.status_code == 302 and answer["Location"] == "/suspended/"
    page = browser.get("/suspended/").content.decode()
    assert 'data-testid="suspended-title"' in page
    assert f'action="/suspended/decisions/{decision.pk}/appeal/"' in page
    api = Client().post(
        "/api/v1/auth/login", {"username": lin.username, "password": PASSWORD}, content_type=JSON
    )
    assert api.status_code == 403 and api.json()["status"] == "suspended"

    sent = browser.post(f"/suspended/decisions/{decision.pk}/appeal/", {"text": "误判，是招聘"})
    assert sent.status_code == 302
    item = ReviewItem.objects.get(appeal__decision=decision)
    senior = make_moderator("senior_li", languages=["zh", "en"], group="senior moderator")
    decided = client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "reverse", "reason": "an ordinary job advert"},
        content_type=JSON,
    )
    assert decided.status_code == 200, decided.content
    lin.refresh_from_db()
    assert lin.is_active and not Suspension.objects.filter(user=lin, lifted=False).exists()
    assert browser.get("/suspended/")["Location"].startswith("/login/")
    answer = log_in(browser, lin.username)
    assert answer.status_code == 302 and answer["Location"] != "/suspended/"
    assert browser.session["_auth_user_id"] == str(lin.pk)


def test_an_upheld_appeal_keeps_the_policy_suspension(suspended_by_policy):
    lin, _note, decision = suspended_by_policy
    browser = Client()
    log_in(browser, lin.username)
    browser.post(f"/suspended/decisions/{decision.pk}/appeal/", {"text": "误判"})
    item = ReviewItem.objects.get(appeal__decision=decision)
    senior = make_moderator("senior_li", languages=["zh", "en"], group="senior moderator")
    moderator_decides(senior, item, action="uphold", reason="诈骗话术")
    lin.refresh_from_db()
    assert not lin.is_active and Suspension.objects.filter(user=lin, lifted=False).exists()
    assert log_in(Client(), lin.username)["Location"] == "/suspended/"


def test_a_moderator_approving_the_held_post_lifts_the_policy_suspension(suspended_by_policy):
    lin, note, _decision = suspended_by_policy
    item = ReviewItem.objects.get(kind="note", object_id=note.pk, appeal__isnull=True)
    wang = make_moderator("mod_wang", region="CN", languages=["zh"])
    moderator_decides(wang, item, action="approve")
    lin.refresh_from_db()
    assert lin.is_active and not Suspension.objects.filter(user=lin, lifted=False).exists()


def test_a_reversal_keeps_a_suspension_given_on_another_decision(suspended_by_policy):
    lin, _note, decision = suspended_by_policy
    other = Suspension.objects.create(user=lin, until=None)  # e.g. the ladder's, on a later case
    browser = Client()
    log_in(browser, lin.username)
    browser.post(f"/suspended/decisions/{decision.pk}/appeal/", {"text": "误判"})
    item = ReviewItem.objects.get(appeal__decision=decision)
    senior = make_moderator("senior_li", languages=["zh", "en"], group="senior moderator")
    moderator_decides(senior, item, action="reverse", reason="招聘广告")
    lin.refresh_from_db()
    other.refresh_from_db()
    assert not lin.is_active and not other.lifted
    assert Suspension.objects.get(decision=decision).lifted
