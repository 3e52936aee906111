"""Sign-up surge modes chosen at run time: open, limited (hourly cap), approval queue, invite
codes; the waiting page explains the state in the reader's language."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from crossnote.accounts.models import User
from crossnote.security import services
from crossnote.security.models import InviteCode, SignupApplication, SurgeSettings
from tests.conftest import PASSWORD, make_user

SIGNUP = "/api/v1/auth/signup"


def payload(name: str, **extra) -> dict:
    return {
        "username": name,
        "email": f"{name}@example.com",
        "password": PASSWORD,
        "accept_guidelines": True,
        **extra,
    }


def api_signup(client, name, **extra):
    return client.post(SIGNUP, payload(name, **extra), content_type="application/json")


def page_signup(client, name, **extra):
    return client.post("/signup/", {**payload(name, **extra), "accept_guidelines": "on"})


@pytest.fixture
def staff(db):
    return make_user("staffer", is_staff=True)


@pytest.fixture(autouse=True)
def _fresh_counters(db):
    """Counters from an earlier test (Redis keeps them between tests) must not count here."""
    from django.core.cache import cache

    cache.clear()


# --- open and limited --------------------------------------------------------------------------


@pytest.mark.django_db
def test_open_mode_is_the_default_and_signs_up_at_once():
    assert services.surge_settings().mode == "open"
    assert api_signup(Client(), "opener").status_code == 201
    assert User.objects.get(username="opener").is_active


@pytest.mark.django_db
def test_limited_mode_pauses_signups_beyond_the_hourly_cap():
    services.set_surge_mode(mode="limited", signups_per_hour=2)
    for n in range(2):
        assert api_signup(Client(REMOTE_ADDR=f"198.51.100.{n}"), f"wave_{n}").status_code == 201
    # A different address: the cap is for the whole instance.
    response = api_signup(Client(REMOTE_ADDR="198.51.100.77"), "wave_late")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "paused" in response.json()["detail"]
    assert not User.objects.filter(username="wave_late").exists()


@pytest.mark.django_db
def test_limited_mode_page_shows_the_waiting_page_in_chinese():
    services.set_surge_mode(mode="limited", signups_per_hour=1)
    assert page_signup(Client(), "first_one").status_code == 302
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = page_signup(client, "second_one")
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    html = response.content.decode()
    assert 'data-testid="signup-waiting"' in html
    assert 'lang="zh-hans"' in html
    # Chinese copy when the catalogue has it, else the English source: never a crash.
    assert "second_one" not in User.objects.values_list("username", flat=True)


# --- invite codes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invite_mode_refuses_sign_up_without_a_valid_code():
    services.set_surge_mode(mode="invite")
    response = api_signup(Client(), "no_code")
    assert response.status_code == 403
    assert response.json()["field"] == "invite_code"
    assert api_signup(Client(), "bad_code", invite_code="nope").status_code == 403
    assert not User.objects.filter(username__in=["no_code", "bad_code"]).exists()


@pytest.mark.django_db
def test_invite_code_admits_as_many_as_it_allows(staff):
    services.set_surge_mode(mode="invite")
    invite = services.create_invite(created_by=staff, max_uses=2)
    assert api_signup(Client(), "guest_a", invite_code=invite.code).status_code == 201
    assert api_signup(Client(), "guest_b", invite_code=invite.code).status_code == 201
    assert api_signup(Client(), "guest_c", invite_code=invite.code).status_code == 403
    invite.refresh_from_db()
    assert invite.uses == 2


@pytest.mark.django_db
def test_revoked_and_expired_codes_admit_nobody():
    services.set_surge_mode(mode="invite")
    revoked = services.create_invite(max_uses=5)
    services.revoke_invite(code=revoked.code)
    expired = services.create_invite(max_uses=5, days=1)
    InviteCode.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    assert api_signup(Client(), "late_a", invite_code=revoked.code).status_code == 403
    assert api_signup(Client(), "late_b", invite_code=expired.code).status_code == 403


@pytest.mark.django_db
def test_invite_page_shows_the_code_field_prefilled_from_the_link():
    services.set_surge_mode(mode="invite")
    invite = services.create_invite()
    html = Client().get(f"/signup/?invite={invite.code}").content.decode()
    assert 'data-testid="surge-invite"' in html
    assert f'value="{invite.code}"' in html
    response = page_signup(Client(), "invited", invite_code=invite.code)
    assert response.status_code == 302
    assert User.objects.get(username="invited").is_active
    refused = page_signup(Client(), "uninvited")
    assert refused.status_code == 200
    assert "invitation" in refused.content.decode()


# --- approval queue ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_approval_mode_keeps_the_account_waiting_until_staff_approve(staff, client_for):
    services.set_surge_mode(mode="approval")
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = page_signup(client, "applicant", reason="I post recipes")
    assert response.status_code == 302
    assert response["Location"] == "/signup/waiting/"
    user = User.objects.get(username="applicant")
    assert not user.is_active
    application = SignupApplication.objects.get(user=user)
    assert application.status == "pending"
    assert application.language == "zh-hans"
    assert application.reason == "I post recipes"
    waiting = client.get("/signup/waiting/")
    assert waiting.status_code == 200
    assert 'lang="zh-hans"' in waiting.content.decode()
    # Not logged in, and cannot log in yet.
    assert client.get("/api/v1/me").status_code == 401
    assert not Client().login(username="applicant", password=PASSWORD)

    staff_client = client_for(staff)
    page = staff_client.get("/staff/signups/")
    assert page.status_code == 200 and "applicant" in page.content.decode()
    assert (
        staff_client.post(f"/staff/signups/applications/{application.pk}/approve/").status_code
        == 302
    )
    assert User.objects.get(username="applicant").is_active
    assert Client().login(username="applicant", password=PASSWORD)
    # The waiting page now says so, with the way to log in.
    assert (
        'class="btn btn-primary" href="/login/"' in client.get("/signup/waiting/").content.decode()
    )


@pytest.mark.django_db
def test_rejected_application_frees_the_username(staff):
    services.set_surge_mode(mode="approval")
    response = api_signup(Client(), "spammy")
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    application = SignupApplication.objects.get(username="spammy")
    services.decide_application(application_id=application.pk, approve=False, by="staffer")
    application.refresh_from_db()
    assert application.status == "rejected" and application.user is None
    assert not User.objects.filter(username="spammy").exists()
    from crossnote.core.errors import Conflict

    with pytest.raises(Conflict):
        services.decide_application(application_id=application.pk, approve=True)


# --- who may switch modes ----------------------------------------------------------------------


@pytest.mark.django_db
def test_only_staff_reach_the_controls(client_for, mia, staff):
    assert client_for(mia).get("/staff/signups/").status_code == 403
    assert Client().get("/staff/signups/").status_code == 302  # to log-in
    assert (
        client_for(mia)
        .put("/api/v1/security/surge", {"mode": "invite"}, content_type="application/json")
        .status_code
        == 403
    )
    assert Client().get("/api/v1/security/invites").status_code == 401
    staff_client = client_for(staff)
    response = staff_client.post(
        "/staff/signups/mode/", {"mode": "approval", "signups_per_hour": 50, "notice": "Busy!"}
    )
    assert response.status_code == 302
    row = SurgeSettings.objects.get()
    assert (row.mode, row.signups_per_hour, row.notice, row.updated_by) == (
        "approval",
        50,
        "Busy!",
        "staffer",
    )
    assert "Busy!" in Client().get("/signup/").content.decode()


@pytest.mark.django_db
def test_staff_api_switches_modes_and_manages_invites(client_for, staff):
    client = client_for(staff)
    assert Client().get("/api/v1/signup-mode").json()["mode"] == "open"
    response = client.put(
        "/api/v1/security/surge", {"mode": "invite"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["mode"] == "invite"
    bad = client.put("/api/v1/security/surge", {"mode": "closed"}, content_type="application/json")
    assert bad.status_code == 400
    made = client.post("/api/v1/security/invites", {"max_uses": 3}, content_type="application/json")
    assert made.status_code == 201
    code = made.json()["code"]
    assert [i["code"] for i in client.get("/api/v1/security/invites").json()] == [code]
    assert client.delete(f"/api/v1/security/invites/{made.json()['id']}").json()["revoked_at"]
    assert client.delete("/api/v1/security/invites/999999").status_code == 404


@pytest.mark.django_db
def test_staff_api_decides_applications(client_for, staff):
    services.set_surge_mode(mode="approval")
    api_signup(Client(), "queued")
    client = client_for(staff)
    [row] = client.get("/api/v1/security/applications").json()
    assert row["username"] == "queued"
    done = client.post(f"/api/v1/security/applications/{row['id']}/approve")
    assert done.status_code == 200 and done.json()["status"] == "approved"
    again = client.post(f"/api/v1/security/applications/{row['id']}/reject")
    assert again.status_code == 409


@pytest.mark.django_db
def test_cli_runs_the_surge_controls(capsys):
    call_command("security", "surge", "invite", "--notice", "Invite only this week")
    assert "sign-up mode: invite" in capsys.readouterr().out
    call_command("security", "invites", "create", "--count", "2", "--uses", "5")
    codes = capsys.readouterr().out.split()
    assert len(codes) == 2 and InviteCode.objects.filter(code__in=codes, max_uses=5).count() == 2
    call_command("security", "invites", "revoke", codes[0])
    call_command("security", "invites", "list")
    assert "revoked" in capsys.readouterr().out
    call_command("security", "surge", "approval")
    api_signup(Client(), "cli_queued")
    call_command("security", "applications", "approve", "cli_queued")
    assert User.objects.get(username="cli_queued").is_active


@pytest.mark.django_db
def test_invite_codes_are_letters_and_digits_a_command_line_can_take():
    """A code beginning with "-" read as an option on the command line (CI once drew
    "-h4kALhnZ3lv" and `security invites revoke` failed): codes are letters and digits only."""
    codes = [services.new_invite_code() for _n in range(2000)]
    assert len(set(codes)) == 2000
    assert all(code.isalnum() and code.isascii() and len(code) >= 12 for code in codes)
    assert not any(set(code) & set("0O1lI") for code in codes)
    # A code made before (token_urlsafe) that begins with "-" still revokes after "--".
    old = InviteCode.objects.create(code="-h4kALhnZ3lv", max_uses=1)
    call_command("security", "invites", "revoke", "--", old.code)
    old.refresh_from_db()
    assert old.revoked_at is not None
