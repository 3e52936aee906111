"""Sessions: log-in rotates the session key; a password change, a suspension and a deletion end
every session and API token of the account."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from crossnote.accounts.models import ApiToken
from crossnote.accounts.services import create_api_token
from crossnote.security.models import AccountSession
from tests.conftest import PASSWORD


def logged_in(user) -> Client:
    """A browser that logged in through the real log-in page (so the session is indexed)."""
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def is_logged_in(client) -> bool:
    return client.get("/api/v1/me").status_code == 200


def token_works(secret) -> bool:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


@pytest.mark.django_db
def test_login_page_rotates_the_session_key(mia):
    client = Client()
    client.get("/signup/")  # an anonymous session with a CSRF token
    session = client.session
    session["before"] = "anon"
    session.save()
    before = session.session_key
    client.cookies["sessionid"] = before
    client.post("/login/", {"username": "mia_ms", "password": PASSWORD})
    after = client.cookies["sessionid"].value
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert AccountSession.objects.filter(user=mia, session_key=after).exists()


@pytest.mark.django_db
def test_api_login_rotates_the_session_key(mia):
    client = Client()
    session = client.session
    session["x"] = 1
    session.save()
    client.cookies["sessionid"] = session.session_key
    response = client.post(
        "/api/v1/auth/login",
        {"username": "mia_ms", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert client.cookies["sessionid"].value != session.session_key


@pytest.mark.django_db
def test_password_change_ends_other_sessions_and_tokens_but_keeps_this_one(mia):
    phone, laptop = logged_in(mia), logged_in(mia)
    _token, secret = create_api_token(user=mia, name="script")
    assert is_logged_in(phone) and is_logged_in(laptop) and token_works(secret)
    response = laptop.post(
        "/settings/password/",
        {"old_password": PASSWORD, "new_password": "a brand new passphrase"},
    )
    assert response.status_code == 302
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)
    assert not token_works(secret)
    assert not ApiToken.objects.filter(user=mia).exists()


@pytest.mark.django_db
def test_password_change_api_needs_the_current_password(mia):
    client = logged_in(mia)
    other = logged_in(mia)
    wrong = client.post(
        "/api/v1/me/password",
        {"old_password": "nope", "new_password": "another good passphrase"},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and wrong.json()["field"] == "old_password"
    weak = client.post(
        "/api/v1/me/password",
        {"old_password": PASSWORD, "new_password": "123"},
        content_type="application/json",
    )
    assert weak.status_code == 400 and weak.json()["field"] == "new_password"
    assert is_logged_in(other)
    ok = client.post(
        "/api/v1/me/password",
        {"old_password": PASSWORD, "new_password": "another good passphrase"},
        content_type="application/json",
    )
    assert ok.status_code == 204
    assert is_logged_in(client) and not is_logged_in(other)


@pytest.mark.django_db
def test_password_set_by_an_admin_ends_every_session(mia):
    client = logged_in(mia)
    mia.set_password("set by the admin 123")
    mia.save()
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_suspension_by_the_strike_ladder_ends_sessions_and_tokens(settings, mia, make_note):
    from crossnote.moderation.models import Decision
    from crossnote.moderation.services import lift_expired_suspensions
    from crossnote.moderation.services import strike as _strike

    settings.CROSSNOTE_STRIKE_LADDER = ["suspend:1"]
    mia.date_joined = mia.date_joined.replace(year=2020)  # not a newcomer
    mia.save(update_fields=["date_joined"])
    client = logged_in(mia)
    _token, secret = create_api_token(user=mia, name="bot")
    note = make_note(mia)
    decision = Decision.objects.create(
        kind="note", object_id=note.pk, author=mia, action="remove", category="spam"
    )
    _strike(mia, decision)
    mia.refresh_from_db()
    assert not mia.is_active
    assert not AccountSession.objects.filter(user=mia).exists()
    assert not token_works(secret)
    # Lifting the suspension does not bring the old session back.
    from crossnote.moderation.models import Suspension

    Suspension.objects.filter(user=mia).update(until=mia.date_joined)
    lift_expired_suspensions()
    mia.refresh_from_db()
    assert mia.is_active
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_deactivation_in_the_admin_ends_sessions(mia):
    client = logged_in(mia)
    mia.is_active = False
    mia.save()
    mia.is_active = True
    mia.save()
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_deletion_request_ends_sessions_and_tokens(mia):
    from crossnote.privacy.services import schedule_erasure

    client = logged_in(mia)
    _token, secret = create_api_token(user=mia, name="bot")
    schedule_erasure(user=mia, via="test")
    assert not is_logged_in(client)
    assert not token_works(secret)
    assert not Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()
