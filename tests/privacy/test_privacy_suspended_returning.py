"""Signing in during a deletion's grace period cancels it and reactivates the account
(privacy.backends.ReturningAccountBackend) — but not for an account suspended meanwhile: that
would lift a suspension by a password. The suspended person gets the suspended page instead."""

import pytest
from django.test import Client

from crossnote.moderation.models import Suspension
from crossnote.privacy.models import DeletionRequest
from crossnote.privacy.services import request_deletion

PASSWORD = "correct horse battery"  # tests.conftest.make_user


@pytest.fixture
def leaving(mia):
    request_deletion(user=mia, password=PASSWORD)
    mia.refresh_from_db()
    assert not mia.is_active
    return mia


def log_in(username):
    browser = Client()
    return browser, browser.post("/login/", {"username": username, "password": PASSWORD})


def test_signing_in_during_the_grace_period_still_cancels_the_deletion(leaving):
    browser, answer = log_in(leaving.username)
    assert answer.status_code == 302
    assert "_auth_user_id" in browser.session
    leaving.refresh_from_db()
    assert leaving.is_active
    assert not DeletionRequest.objects.filter(
        user=leaving, status=DeletionRequest.Status.PENDING
    ).exists()


def test_a_suspension_made_during_the_grace_period_is_not_lifted_by_signing_in(leaving):
    Suspension.objects.create(user=leaving, until=None)
    browser, answer = log_in(leaving.username)
    assert answer.status_code == 302 and answer["Location"] == "/suspended/"
    assert "_auth_user_id" not in browser.session
    leaving.refresh_from_db()
    assert not leaving.is_active  # still suspended
    assert DeletionRequest.objects.filter(
        user=leaving, status=DeletionRequest.Status.PENDING
    ).exists()  # and still leaving, as they asked
