"""The strike ladder's "limit" step: the account keeps posting, but while the step lasts its new
notes are not recommended (limited); stricter states stay; it ends with its days or its strike."""

from datetime import timedelta

import pytest
from django.utils import timezone

from crossnote.moderation.models import Strike
from crossnote.moderation.selectors import account_limited_until
from crossnote.moderation.services import strike as _strike
from crossnote.notes.models import ModerationState
from crossnote.notes.services import create_note
from tests.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def seasoned(mia):
    mia.date_joined = timezone.now() - timedelta(days=60)  # past the newcomer's grace
    mia.save(update_fields=["date_joined"])
    return mia


def test_the_limit_step_limits_new_notes_for_its_days(seasoned, settings):
    settings.CROSSNOTE_STRIKE_LADDER = ["warn", "limit:14", "suspend"]
    _strike(seasoned, None)
    assert account_limited_until(seasoned) is None  # a warning only
    before = create_note(
        author=seasoned, title="Dumplings", body="Made these today", images=[upload()]
    )
    assert before.moderation == ModerationState.VISIBLE
    _strike(seasoned, None)
    until = account_limited_until(seasoned)
    assert until is not None and timedelta(days=13) < until - timezone.now() <= timedelta(days=14)
    seasoned.refresh_from_db()
    assert seasoned.is_active  # limited, not suspended
    limited = create_note(author=seasoned, title="Noodles", body="Lunch", images=[upload()])
    limited.refresh_from_db()
    assert limited.moderation == ModerationState.LIMITED
    before.refresh_from_db()
    assert before.moderation == ModerationState.VISIBLE  # what was posted before stays
    # The days pass: new notes are recommended again.
    Strike.objects.filter(user=seasoned).update(created_at=timezone.now() - timedelta(days=15))
    assert account_limited_until(seasoned) is None
    after = create_note(author=seasoned, title="Tea", body="Oolong", images=[upload()])
    after.refresh_from_db()
    assert after.moderation == ModerationState.VISIBLE


def test_a_bare_limit_lasts_as_long_as_its_strike_and_lifting_ends_it(seasoned, settings):
    settings.CROSSNOTE_STRIKE_LADDER = ["limit"]
    _strike(seasoned, None)
    strike = Strike.objects.get(user=seasoned)
    assert account_limited_until(seasoned) == strike.expires_at
    strike.lifted = True  # an appeal reversed the decision
    strike.save(update_fields=["lifted"])
    assert account_limited_until(seasoned) is None


def test_stricter_states_are_kept_while_limited(seasoned, settings):
    settings.CROSSNOTE_STRIKE_LADDER = ["limit"]
    _strike(seasoned, None)
    held = create_note(author=seasoned, title="x", body="you idiots", images=[upload()])
    held.refresh_from_db()
    assert held.moderation in (
        ModerationState.HELD,
        ModerationState.REMOVED,
        ModerationState.LIMITED,
    )
    assert held.moderation != ModerationState.VISIBLE
