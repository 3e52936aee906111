"""The daily sweep ends a timed suspension whose time is up, but an account under another
suspension still in force (an indefinite one from a policy or the ladder's last step) stays
shut: the sweep reactivated every account whose timed suspension ended."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.moderation.models import Suspension
from crossnote.moderation.services import lift_expired_suspensions
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_an_indefinite_suspension_outlives_an_expired_one():
    person = make_user("kai", is_active=False)
    Suspension.objects.create(user=person, until=timezone.now() - timedelta(hours=1))
    Suspension.objects.create(user=person, until=None)
    assert lift_expired_suspensions() == 1
    person.refresh_from_db()
    assert not person.is_active


def test_an_account_with_nothing_left_is_active_again():
    person = make_user("lee", is_active=False)
    Suspension.objects.create(user=person, until=timezone.now() - timedelta(hours=1))
    assert lift_expired_suspensions() == 1
    person.refresh_from_db()
    assert person.is_active
