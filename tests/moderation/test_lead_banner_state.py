"""The author's banner on their own note names the decision, and the note's state only where it
says more: "Show behind a content warning · Shown behind a content warning" (or "Hold for review ·
Held for review") said the same thing twice (seen in the browser, 简体中文: "折叠并显示内容提醒 ·
已折叠并显示提醒")."""

import re

import pytest
from django.test import Client

from crossnote.moderation.models import Decision
from crossnote.moderation.templatetags.moderation import state_says_more
from crossnote.notes.models import ModerationState
from crossnote.notes.services import create_note
from tests.conftest import upload

pytestmark = pytest.mark.django_db


def _banner(user, note) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(f"/notes/{note.pk}/").content.decode()
    found = re.search(r'data-testid="statement">(.*?)<p>', page, re.S)
    assert found, page[:2000]
    return found.group(1)


def test_the_banner_does_not_say_the_decision_twice(lin):
    note = create_note(author=lin, title="无语", body="你这个傻逼", images=[upload()])
    note.refresh_from_db()
    assert note.moderation == ModerationState.HELD
    decision = Decision.objects.get(kind="note", object_id=note.pk)
    banner = _banner(lin, note)
    assert str(decision.get_action_display()) in banner
    assert "·" not in banner and str(note.get_moderation_display()) not in banner


def test_a_state_the_decision_does_not_explain_is_still_named(lin):
    decision = Decision(action="label")
    assert state_says_more(decision, ModerationState.HELD) is True
    assert state_says_more(decision, ModerationState.LABELLED) is False
    assert state_says_more(decision, ModerationState.VISIBLE) is False
    assert state_says_more(None, ModerationState.HELD) is False
