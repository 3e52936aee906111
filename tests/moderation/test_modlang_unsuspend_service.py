"""One unsuspend service (`lift_suspensions_of`) behind the API and `crossnote moderation
unsuspend`: the person looked up in any case with a leading "@" ignored, domain errors for no such
person and for nothing in force. The command now finds "@Kai" and "KAI" as the API did; its own
messages stay."""

import pytest
from django.core.management import CommandError, call_command

from crossnote.core.errors import Conflict, NotFound
from crossnote.moderation.models import AuditEntry, Suspension
from crossnote.moderation.services import lift_suspensions_of
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def suspended(username="kai"):
    person = make_user(username)
    Suspension.objects.create(user=person, until=None)
    type(person).objects.filter(pk=person.pk).update(is_active=False)
    return person


@pytest.mark.parametrize("typed", ["@kai", "KAI", "@Kai"])
def test_the_command_finds_the_person_in_any_case_with_an_at_sign(typed, capsys):
    person = suspended()
    call_command("moderation", "unsuspend", typed, "--reason", "reviewed again")
    assert "1 suspension(s) of kai lifted; account active" in capsys.readouterr().out
    person.refresh_from_db()
    assert person.is_active
    entry = AuditEntry.objects.get(action="unsuspend", target=f"user:{person.pk}")
    assert entry.after == {"reason": "reviewed again"}


def test_the_command_names_the_stored_username_when_nothing_is_in_force():
    make_user("kai")
    with pytest.raises(CommandError, match="^kai has no suspension in force$"):
        call_command("moderation", "unsuspend", "@KAI", "--reason", "again")
    assert not AuditEntry.objects.filter(action="unsuspend").exists()


def test_the_command_still_says_no_user_for_an_unknown_name():
    with pytest.raises(CommandError, match="no user named '@nobody'"):
        call_command("moderation", "unsuspend", "@nobody", "--reason", "x")


def test_the_service_returns_the_person_and_raises_domain_errors():
    person = suspended()
    admin = make_user("root", is_staff=True, is_superuser=True)
    found, lifted = lift_suspensions_of("@KAI", admin, "a mistake")
    assert (found.pk, lifted, found.is_active) == (person.pk, 1, True)
    with pytest.raises(Conflict, match="kai has no suspension in force; nothing was lifted."):
        lift_suspensions_of("kai", admin, "again")
    with pytest.raises(NotFound, match="@nobody"):
        lift_suspensions_of("@nobody", admin, "x")
