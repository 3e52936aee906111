"""An admin lifts a suspension by hand: an indefinite one (the strike ladder's last step, a
policy's 'suspend') had no other end than an appeal, though the model said "until an admin lifts
it". The admin's action and `crossnote moderation unsuspend` end it, reactivate the account once
none is left in force, and write the reason to the audit log; no reason, no lifting."""

import pytest
from django.core.management import CommandError, call_command

from crossnote.core.errors import InvalidInput
from crossnote.moderation.models import AuditEntry, Suspension
from crossnote.moderation.services import lift_suspensions
from tests.conftest import client_of, make_user

pytestmark = pytest.mark.django_db


def suspended(username="kai", *, count=1):
    person = make_user(username)
    for _ in range(count):
        Suspension.objects.create(user=person, until=None)
    type(person).objects.filter(pk=person.pk).update(is_active=False)
    return person


def test_lifting_reactivates_and_is_audited_with_the_reason():
    person = suspended()
    admin = make_user("root", is_staff=True, is_superuser=True)
    assert lift_suspensions(person.suspensions.all(), admin, " a mistake ") == 1
    person.refresh_from_db()
    assert person.is_active
    assert not person.suspensions.filter(lifted=False).exists()
    entry = AuditEntry.objects.get(action="unsuspend", target=f"user:{person.pk}")
    assert entry.actor_name == "root"
    assert entry.after == {"reason": "a mistake"}


def test_no_reason_lifts_nothing():
    person = suspended()
    with pytest.raises(InvalidInput):
        lift_suspensions(person.suspensions.all(), None, "  ")
    person.refresh_from_db()
    assert not person.is_active
    assert person.suspensions.filter(lifted=False).count() == 1


def test_an_account_stays_suspended_while_another_suspension_is_in_force():
    person = suspended(count=2)
    first = person.suspensions.order_by("pk")[:1]
    assert lift_suspensions(Suspension.objects.filter(pk__in=first), None, "one of two") == 1
    person.refresh_from_db()
    assert not person.is_active


def test_the_admin_action_lifts_with_a_reason_and_refuses_without(client):
    person = suspended()
    root = make_user("root", is_staff=True, is_superuser=True)
    browser = client_of(root)
    url = "/admin/moderation/suspension/"
    chosen = {"action": "lift", "_selected_action": [person.suspensions.get().pk]}
    page = browser.post(url, {**chosen, "reason": ""}, follow=True)
    assert page.status_code == 200
    assert "Say why the suspension is lifted." in page.content.decode()
    person.refresh_from_db()
    assert not person.is_active
    page = browser.post(url, {**chosen, "reason": "appeal by e-mail upheld"}, follow=True)
    assert "Suspensions lifted: 1" in page.content.decode()
    person.refresh_from_db()
    assert person.is_active
    page = browser.post(url, {**chosen, "reason": "once more"}, follow=True)
    assert "None of the selected suspensions was in force." in page.content.decode()


def test_the_admin_list_speaks_chinese(client):
    suspended()
    browser = client_of(make_user("root", is_staff=True, is_superuser=True))
    browser.cookies["django_language"] = "zh-hans"
    html = browser.get("/admin/moderation/suspension/").content.decode()
    assert "解除所选的封禁" in html
    assert "记入审计日志" in html
    assert "封禁时间" in html


def test_the_command_lifts_and_says_so(capsys):
    person = suspended()
    call_command("moderation", "unsuspend", "kai", "--reason", "reviewed again")
    assert "1 suspension(s) of kai lifted" in capsys.readouterr().out
    person.refresh_from_db()
    assert person.is_active
    with pytest.raises(CommandError, match="has no suspension in force"):
        call_command("moderation", "unsuspend", "kai", "--reason", "again")
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("moderation", "unsuspend", "nobody", "--reason", "x")
    with pytest.raises(CommandError, match="Say why"):
        suspended("lee")
        call_command("moderation", "unsuspend", "lee", "--reason", " ")
