"""A policy that says suspend suspends whatever it judged: a profile's bio as well as a note
(the profile path returned before the account action, so a scammer's bio under a suspending
policy was merely refused and the next try went on). A regional withholding never suspends: it
is a legal measure for some regions, not a finding against the author."""

import pytest
from django.test import Client

from crossnote.accounts.services import update_profile
from crossnote.core.errors import ContentBlocked
from crossnote.moderation.engine import forget_policies
from crossnote.moderation.models import AuditEntry, Decision, Policy, Suspension
from crossnote.notes.models import NoteWithholding
from crossnote.notes.services import create_note
from tests.conftest import client_of, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
PASSWORD = "correct horse battery"  # tests.conftest.make_user
SCAM = "加微信 兼职日结 刷单"


def scam_policy(**fields):
    Policy.objects.filter(name="Scam phrases").update(**fields)
    forget_policies()


def test_a_bio_under_a_suspending_policy_suspends_the_account(lin, mia):
    scam_policy(account_action="suspend")
    answer = client_of(lin).patch("/api/v1/me", {"bio": SCAM}, content_type=JSON)
    assert answer.status_code == 200, answer.content
    lin.refresh_from_db()
    assert lin.is_active is False
    decision = Decision.objects.get(kind="profile", object_id=lin.pk)
    assert decision.action == "hold" and decision.category == "scam"
    held = Suspension.objects.get(user=lin, lifted=False)
    assert held.decision == decision and held.until is None
    assert AuditEntry.objects.filter(action="suspend", target=f"user:{lin.pk}").exists()
    # Nobody reads the bio the write kept: a suspended account's profile is not shown.
    assert client_of(mia).get(f"/@{lin.username}").status_code == 404
    # Its owner reaches the suspended page, with the decision to appeal.
    browser = Client()
    login = browser.post("/login/", {"username": lin.username, "password": PASSWORD})
    assert login["Location"] == "/suspended/"
    assert (
        f"/suspended/decisions/{decision.pk}/appeal/" in browser.get("/suspended/").content.decode()
    )


def test_a_removed_bio_under_a_suspending_policy_suspends_too(lin):
    scam_policy(account_action="suspend", action="remove")
    update_profile(user=lin, bio=SCAM)
    lin.refresh_from_db()
    assert lin.bio == SCAM and lin.is_active is False
    assert Suspension.objects.get(user=lin).decision.kind == "profile"


def test_without_a_suspending_policy_a_held_bio_is_refused_and_nobody_suspended(lin):
    with pytest.raises(ContentBlocked):
        update_profile(user=lin, bio=SCAM)
    lin.refresh_from_db()
    assert lin.bio == "" and lin.is_active
    assert not Suspension.objects.exists()


def test_a_withholding_never_suspends_even_when_its_policy_says_suspend(lin):
    scam_policy(
        account_action="suspend", action="withhold", regions=["DE"], legal_basis="NetzDG order"
    )
    note = create_note(author=lin, title="赚钱", body=SCAM, images=[upload()])
    assert NoteWithholding.objects.filter(note=note, region="DE").exists()
    lin.refresh_from_db()
    assert lin.is_active
    assert not Suspension.objects.exists()
    update_profile(user=lin, bio=SCAM)  # a profile cannot be withheld: recorded, not suspended
    lin.refresh_from_db()
    assert lin.is_active and not Suspension.objects.exists()


def test_a_labelled_bio_under_a_suspending_policy_stays_and_suspends(lin):
    scam_policy(account_action="suspend", action="label", label_text="Possible scam")
    update_profile(user=lin, bio="兼职日结 刷单")
    lin.refresh_from_db()
    assert lin.bio == "兼职日结 刷单" and lin.is_active is False
    assert Suspension.objects.get(user=lin).decision.action == "label"
