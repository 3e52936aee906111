"""An admin lifts a suspension through the API too (POST /users/{username}/unsuspend), as on the
admin's Suspensions list and with `crossnote moderation unsuspend`: the same service, the same
audit entry. Only staff who may change suspensions; a moderator, senior included, gets 403 and
reverses a suspension on appeal instead. No reason: 400 naming `reason`; no such person: 404;
nothing in force: 409, nothing audited. Each answer is one the OpenAPI contract lists."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from crossnote.moderation.models import AuditEntry, Suspension
from tests.conftest import client_of, make_moderator, make_user

pytestmark = pytest.mark.django_db
JSON = "application/json"
PATH = "/api/v1/users/{username}/unsuspend"


def suspended(username="kai", *, count=1):
    person = make_user(username)
    for _ in range(count):
        Suspension.objects.create(user=person, until=None)
    type(person).objects.filter(pk=person.pk).update(is_active=False)
    return person


def lift(user, username="kai", body=None):
    client = client_of(user)
    return client.post(
        PATH.format(username=username),
        body if body is not None else {"reason": "appeal by e-mail upheld"},
        content_type=JSON,
    )


@pytest.fixture
def root():
    return make_user("root", is_staff=True, is_superuser=True)


def test_an_admin_lifts_every_suspension_in_force_and_it_is_audited(root):
    person = suspended(count=2)
    response = lift(root, "KAI", {"reason": "  appeal by e-mail upheld "})
    assert response.status_code == 200, response.content
    assert response.json() == {"username": "kai", "lifted": 2, "active": True}
    person.refresh_from_db()
    assert person.is_active
    assert not Suspension.objects.filter(user=person, lifted=False).exists()
    entry = AuditEntry.objects.get(action="unsuspend", target=f"user:{person.pk}")
    assert entry.actor_name == "root"
    assert entry.after == {"reason": "appeal by e-mail upheld"}


def test_staff_with_the_right_to_change_suspensions_may_lift():
    suspended()
    staff = make_user("ops", is_staff=True)
    assert lift(staff).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="change_suspension"))
    staff = type(staff).objects.get(pk=staff.pk)  # a fresh permission cache
    assert lift(staff).status_code == 200


@pytest.mark.parametrize("group", ["moderator", "senior moderator"])
def test_a_moderator_gets_403_with_a_message_and_nothing_is_lifted(group):
    person = suspended()
    response = lift(make_moderator("mod_an", group=group))
    assert response.status_code == 403
    assert "Only admins can lift suspensions" in response.json()["detail"]
    person.refresh_from_db()
    assert not person.is_active
    assert not AuditEntry.objects.filter(action="unsuspend").exists()


def test_a_reader_gets_403_and_a_visitor_401():
    suspended()
    assert lift(make_user("lin")).status_code == 403
    assert (
        Client().post(PATH.format(username="kai"), {"reason": "x"}, content_type=JSON).status_code
        == 401
    )


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_no_reason_is_400_naming_the_field(root, body):
    person = suspended()
    response = lift(root, body=body)
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "reason"
    assert "Say why" in response.json()["detail"]
    person.refresh_from_db()
    assert not person.is_active


def test_an_unknown_person_is_404(root):
    response = lift(root, "nobody")
    assert response.status_code == 404
    assert "nobody" in response.json()["detail"]


def test_no_suspension_in_force_is_409_and_nothing_is_audited(root):
    make_user("kai")
    response = lift(root)
    assert response.status_code == 409
    assert "nothing was lifted" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action="unsuspend").exists()


def test_the_contract_lists_every_answer_it_gives(client):
    spec = client.get("/api/openapi.json").json()["paths"]["/api/v1/users/{username}/unsuspend"]
    codes = {str(code) for code in spec["post"]["responses"]}
    assert {"200", "400", "401", "403", "404", "409", "422"} <= codes


def test_the_answer_speaks_the_callers_language(root):
    make_user("kai")
    client = client_of(root)
    client.cookies["django_language"] = "zh-hans"
    response = client.post(PATH.format(username="kai"), {"reason": ""}, content_type=JSON)
    assert response.json()["detail"] != "Say why the suspension is lifted."
