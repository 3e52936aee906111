"""Sign-up, log-in, the current user, avatars and personal access tokens over /api/v1."""

import io

import pytest
from django.test import Client
from PIL import Image

from crossnote.accounts.models import ApiToken, User
from tests.conftest import PASSWORD, gps_jpeg, upload

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/me"


def signup_payload(**overrides):
    payload = {
        "username": "new_person",
        "email": "new@example.com",
        "password": PASSWORD,
        "display_name": "新朋友",
        "region": "TW",
        "languages": ["zh", "en"],
        "accept_guidelines": True,
    }
    payload.update(overrides)
    return payload


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


# --- sign-up ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_creates_the_account_and_logs_the_browser_in():
    client = Client()
    response = post_json(client, SIGNUP, signup_payload())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["username"] == "new_person"
    assert body["region"] == "TW"
    assert body["languages"] == ["zh", "en"]

    user = User.objects.get(username="new_person")
    assert user.email == "new@example.com"
    assert user.display_name == "新朋友"
    assert user.region.code == "TW"
    assert user.password != PASSWORD
    assert user.check_password(PASSWORD)
    # The same client is now logged in.
    assert client.get(ME).json()["username"] == "new_person"


@pytest.mark.django_db
def test_signup_hashes_the_password_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    response = post_json(Client(), SIGNUP, signup_payload())
    assert response.status_code == 201
    user = User.objects.get(username="new_person")
    assert user.password.startswith("argon2")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)


def test_signup_with_a_taken_username_is_409_and_stores_nothing(mia):
    response = post_json(Client(), SIGNUP, signup_payload(username="MIA_MS"))
    assert response.status_code == 409
    assert response.json()["detail"]
    assert response.json()["field"] == "username"
    assert User.objects.count() == 1


def test_signup_with_a_taken_email_is_409(mia):
    response = post_json(Client(), SIGNUP, signup_payload(email="Mia_ms@Example.com"))
    assert response.status_code == 409
    assert response.json()["field"] == "email"
    assert User.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"password": "short"}, "password"),
        ({"password": "password"}, "password"),
        ({"region": "XX"}, "region"),
        ({"languages": ["klingon"]}, "languages"),
        ({"username": "a b"}, "username"),
        ({"username": "x"}, "username"),
    ],
)
def test_signup_with_bad_input_is_4xx_with_a_message_and_stores_nothing(overrides, field):
    response = post_json(Client(), SIGNUP, signup_payload(**overrides))
    assert 400 <= response.status_code < 500
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body.get("field", field) == field
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_without_a_password_is_422_with_a_message():
    payload = signup_payload()
    del payload["password"]
    response = post_json(Client(), SIGNUP, payload)
    assert response.status_code == 422
    assert "password" in response.json()["detail"]
    assert not User.objects.exists()


# --- log-in ----------------------------------------------------------------------------------


def test_login_by_username_starts_a_session(mia):
    client = Client()
    response = post_json(client, LOGIN, {"username": "mia_ms", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["username"] == "mia_ms"
    assert client.get(ME).json()["username"] == "mia_ms"


def test_login_by_email_in_any_case_starts_a_session(mia):
    client = Client()
    response = post_json(client, LOGIN, {"username": "MIA_MS@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["username"] == "mia_ms"
    assert client.get(ME).status_code == 200


def test_login_with_a_wrong_password_is_401_and_no_session(mia):
    client = Client()
    response = post_json(client, LOGIN, {"username": "mia_ms", "password": "wrong password"})
    assert response.status_code == 401
    assert response.json()["detail"]
    assert client.get(ME).status_code == 401


def test_logout_ends_the_session(client_for, mia):
    client = client_for(mia)
    assert client.post("/api/v1/auth/logout").status_code == 204
    assert client.get(ME).status_code == 401


# --- the current user ------------------------------------------------------------------------


@pytest.mark.django_db
def test_me_without_authentication_is_401_json():
    response = Client().get(ME)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_me_with_a_garbage_bearer_token_is_401(mia):
    response = Client().get(ME, HTTP_AUTHORIZATION="Bearer cn_not-a-real-token")
    assert response.status_code == 401


def test_patch_me_changes_the_profile(client_for, mia):
    response = client_for(mia).patch(
        ME,
        {
            "display_name": "米娅",
            "bio": "Cats and noodles.",
            "region": "jp",
            "languages": ["ja", "en"],
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["display_name"] == "米娅"
    assert response.json()["region"] == "JP"
    mia.refresh_from_db()
    assert mia.display_name == "米娅"
    assert mia.bio == "Cats and noodles."
    assert mia.region.code == "JP"
    assert mia.languages == ["ja", "en"]


def test_patch_me_with_only_one_field_keeps_the_others(client_for, mia):
    response = client_for(mia).patch(ME, {"bio": "hi"}, content_type="application/json")
    assert response.status_code == 200
    mia.refresh_from_db()
    assert mia.bio == "hi"
    assert mia.display_name == "Mia"
    assert mia.region.code == "US"


def test_patch_me_with_a_bad_region_is_400_and_changes_nothing(client_for, mia):
    response = client_for(mia).patch(
        ME, {"display_name": "Other", "region": "XX"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "region"
    mia.refresh_from_db()
    assert mia.region.code == "US"
    assert mia.display_name == "Mia"


def test_avatar_upload_stores_a_reencoded_image_without_exif(client_for, mia):
    data = gps_jpeg()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the input does carry GPS
    response = client_for(mia).post("/api/v1/me/avatar", {"image": upload("me.jpg", data)})
    assert response.status_code == 200, response.content
    assert response.json()["avatar_url"]
    mia.refresh_from_db()
    with mia.avatar.open("rb") as f:
        stored = f.read()
    assert b"SecretCam" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "WEBP"
    assert image.size == (256, 256)
    assert not image.getexif()
    assert "exif" not in image.info


def test_replacing_the_avatar_removes_the_old_file(client_for, mia):
    client = client_for(mia)
    client.post("/api/v1/me/avatar", {"image": upload()})
    mia.refresh_from_db()
    old = mia.avatar.path
    assert client.post("/api/v1/me/avatar", {"image": upload()}).status_code == 200
    mia.refresh_from_db()
    assert mia.avatar.path != old
    import os

    assert not os.path.exists(old)
    assert os.path.exists(mia.avatar.path)


def test_avatar_that_is_not_an_image_is_refused_and_nothing_is_stored(client_for, mia):
    response = client_for(mia).post(
        "/api/v1/me/avatar", {"image": upload("me.jpg", b"not a picture at all" * 10)}
    )
    assert response.status_code == 415
    assert response.json()["detail"]
    mia.refresh_from_db()
    assert not mia.avatar


# --- personal access tokens ------------------------------------------------------------------


def test_token_authenticates_until_it_is_revoked(client_for, mia):
    session = client_for(mia)
    response = session.post(
        "/api/v1/me/tokens", {"name": "laptop"}, content_type="application/json"
    )
    assert response.status_code == 201
    secret = response.json()["token"]
    token_id = response.json()["id"]
    assert secret.startswith("cn_")

    stored = ApiToken.objects.get(pk=token_id)
    assert stored.user == mia
    assert secret not in stored.key_hash  # only the hash is kept
    assert stored.last_used_at is None

    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    me = bearer.get(ME)
    assert me.status_code == 200
    assert me.json()["username"] == "mia_ms"
    stored.refresh_from_db()
    assert stored.last_used_at is not None

    # The secret is shown once: listing tokens never returns it.
    listed = session.get("/api/v1/me/tokens").json()
    assert [t["id"] for t in listed] == [token_id]
    assert "token" not in listed[0]

    assert session.delete(f"/api/v1/me/tokens/{token_id}").status_code == 204
    assert not ApiToken.objects.filter(pk=token_id).exists()
    revoked = bearer.get(ME)
    assert revoked.status_code == 401
    assert revoked.json()["detail"]


def test_token_writes_need_no_csrf_token(mia):
    from crossnote.accounts.services import create_api_token

    _token, secret = create_api_token(user=mia, name="script")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = client.patch(ME, {"bio": "from a script"}, content_type="application/json")
    assert response.status_code == 200
    mia.refresh_from_db()
    assert mia.bio == "from a script"


def test_revoking_someone_elses_token_is_404_and_keeps_it(client_for, mia, lin):
    from crossnote.accounts.services import create_api_token

    token, _secret = create_api_token(user=lin, name="lin's")
    response = client_for(mia).delete(f"/api/v1/me/tokens/{token.pk}")
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_token_with_an_empty_name_is_refused(client_for, mia):
    response = client_for(mia).post(
        "/api/v1/me/tokens", {"name": "   "}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


# --- CSRF on session writes ------------------------------------------------------------------


def test_session_write_without_csrf_token_is_403_and_changes_nothing(client_for, mia):
    client = client_for(mia, enforce_csrf_checks=True)
    response = client.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not ApiToken.objects.exists()

    response = client.patch(ME, {"bio": "csrf"}, content_type="application/json")
    assert response.status_code == 403
    mia.refresh_from_db()
    assert mia.bio == ""


def test_session_write_with_the_csrf_header_succeeds(client_for, mia):
    client = client_for(mia, enforce_csrf_checks=True)
    assert client.get("/api/v1/auth/csrf").status_code == 204
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/me/tokens",
        {"name": "x"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert response.status_code == 201
    assert ApiToken.objects.filter(user=mia).count() == 1


# --- profiles --------------------------------------------------------------------------------


def test_public_profile_shows_whether_the_viewer_follows(client_for, mia, lin):
    from crossnote.social.services import follow_user

    follow_user(follower=mia, followee=lin)
    body = client_for(mia).get("/api/v1/users/lin_sh").json()
    assert body["display_name"] == "小林"
    assert body["is_following"] is True
    assert body["follower_count"] == 1
    assert Client().get("/api/v1/users/lin_sh").json()["is_following"] is False


@pytest.mark.django_db
def test_unknown_user_is_404_json():
    response = Client().get("/api/v1/users/nobody_here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- log-in CSRF -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_another_site_cannot_log_a_browser_into_an_account(mia):
    """Log-in CSRF: a browser's request (Origin / Sec-Fetch-Site) needs the CSRF token."""
    body = {"username": mia.username, "password": PASSWORD}
    browser = Client(enforce_csrf_checks=True)
    forged = browser.post(
        LOGIN, body, content_type="application/json", HTTP_ORIGIN="https://evil.example"
    )
    assert forged.status_code == 403
    assert "CSRF" in forged.json()["detail"]
    assert "_auth_user_id" not in browser.session
    no_token = browser.post(
        LOGIN, body, content_type="application/json", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert no_token.status_code == 403
    signup = browser.post(
        SIGNUP,
        signup_payload(username="csrf_victim", email="v@example.com"),
        content_type="application/json",
        HTTP_ORIGIN="https://evil.example",
    )
    assert signup.status_code == 403
    assert not User.objects.filter(username="csrf_victim").exists()
    # The browser's own page: fetch the token first, send it back.
    assert browser.get("/api/v1/auth/csrf").status_code == 204
    token = browser.cookies["csrftoken"].value
    ok = browser.post(
        LOGIN,
        body,
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_X_CSRFTOKEN=token,
    )
    assert ok.status_code == 200, ok.content
    # A script or an app (no browser headers) logs in with the payload alone.
    script = Client(enforce_csrf_checks=True)
    assert script.post(LOGIN, body, content_type="application/json").status_code == 200
