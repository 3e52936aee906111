"""Session and token look-ups remembered per process (crossnote.accounts.authcache), checked
against the shared sign-in generation (crossnote.core.revocation): a remembered session reads no
session row, and a log-out, token revocation, password change or suspension in one process is
refused at the very next request in every other."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crossnote.accounts import authcache
from crossnote.accounts.services import create_api_token, revoke_api_token
from crossnote.core import revocation
from tests import served


def _session_reads(queries) -> list[str]:
    return [q["sql"] for q in queries if "django_session" in q["sql"]]


@pytest.mark.django_db
def test_a_remembered_session_reads_no_session_row_and_still_varies_on_the_cookie(client, mia):
    authcache.forget_all()
    client.force_login(mia)
    first = client.get("/api/v1/me")
    assert first.status_code == 200 and first.json()["username"] == mia.username
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/api/v1/me")
    assert second.status_code == 200 and second.json()["username"] == mia.username
    assert _session_reads(queries.captured_queries) == []
    assert "Cookie" in second["Vary"]


@pytest.mark.django_db
def test_a_write_is_served_from_the_memo_with_the_sessions_data(client, mia, make_note, lin):
    """A like (a POST) reads no session row once the session is remembered, and what the
    view finds in its session is what the row holds."""
    authcache.forget_all()
    client.force_login(mia)
    session = client.session
    session["crossnote_probe"] = "kept"
    session.save()
    assert client.get("/api/v1/me").status_code == 200  # remembered after the save
    note = make_note(lin, title="Cats")
    with CaptureQueriesContext(connection) as queries:
        liked = client.post(f"/api/v1/notes/{note.pk}/like")
    assert liked.status_code == 200 and liked.json()["liked"] is True
    assert _session_reads(queries.captured_queries) == []
    assert "Cookie" in liked["Vary"]
    request = type("Request", (), {})()
    request.session, request.method = client.session, "POST"
    request.session.accessed = False
    user = authcache.session_user(request, lambda _request: pytest.fail("read the session"))
    assert user.pk == mia.pk and request.session["crossnote_probe"] == "kept"


@pytest.mark.django_db
def test_a_password_change_from_a_remembered_session_keeps_that_browser_signed_in(client, mia):
    """The change deletes every session row of the person before the view moves its own
    session to a new key: the remembered data is what the new session carries."""
    authcache.forget_all()
    client.force_login(mia)
    assert client.get("/api/v1/me").status_code == 200  # remembered
    old = client.cookies["sessionid"].value
    with CaptureQueriesContext(connection) as queries:
        changed = client.post(
            "/api/v1/me/password",
            {"old_password": "correct horse battery", "new_password": "another good passphrase"},
            content_type="application/json",
        )
    assert changed.status_code == 204
    loads = [  # the session store's load asks for an unexpired row; its delete does not
        sql for sql in _session_reads(queries.captured_queries) if '"expire_date" >' in sql
    ]
    assert loads == []
    assert client.cookies["sessionid"].value != old
    assert client.get("/api/v1/me").json()["username"] == mia.username
    client.cookies["sessionid"] = old  # the old cookie, replayed
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_log_out_ends_a_remembered_session(client, mia):
    client.force_login(mia)
    assert client.get("/api/v1/me").status_code == 200  # now remembered
    cookie = client.cookies["sessionid"].value
    client.logout()
    client.cookies["sessionid"] = cookie  # the old cookie, replayed
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_a_suspended_account_is_refused_though_its_session_is_remembered(client, mia):
    client.force_login(mia)
    assert client.get("/api/v1/me").status_code == 200
    type(mia).objects.filter(pk=mia.pk).update(is_active=False)  # no signal: the row says it
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_a_changed_password_refuses_other_remembered_sessions(client, mia, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(mia)
    client.force_login(mia)
    assert other.get("/api/v1/me").status_code == 200
    mia.set_password("a-new-password-4711")
    mia.save()
    assert other.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_a_revoked_token_is_refused_at_the_next_request(client, mia):
    token, secret = create_api_token(user=mia, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/me", **headers).status_code == 200
    assert client.get("/api/v1/me", **headers).status_code == 200  # from the memo
    revoke_api_token(user=mia, token_id=token.pk)
    assert client.get("/api/v1/me", **headers).status_code == 401


@pytest.mark.django_db
def test_a_remembered_token_reads_only_the_persons_row(client, mia):
    _token, secret = create_api_token(user=mia, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/me", **headers).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/me", **headers).status_code == 200
    assert not [q for q in queries.captured_queries if "accounts_apitoken" in q["sql"]]


@pytest.mark.django_db
def test_every_session_or_token_write_moves_the_generation(mia):
    before = revocation.current()
    assert before is not None  # the embedded default has a shared number
    create_api_token(user=mia, name="t")
    assert revocation.current() > before


# --- Two server processes on one data folder ---------------------------------------------------


def _get(host: str, path: str, *, token: str = "", cookies: dict | None = None):
    request = urllib.request.Request(f"http://{host}{path}")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - local
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def _send(host: str, method: str, path: str, *, token: str = "", cookies=None, headers=None):
    request = urllib.request.Request(f"http://{host}{path}", method=method, data=b"")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 - local
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def two_servers(tmp_path):
    """Two `crossnote serve` processes on one data folder (no Redis): (hosts, facts)."""
    env, facts = served.make_world(tmp_path / "data")
    env = {**env, "CROSSNOTE_SCHEDULER": "0", "CROSSNOTE_TRANSLATION_WARM_UP": "0"}
    servers = []
    try:
        for name in ("a", "b"):
            log = tmp_path / f"serve-{name}.log"
            server, host = served.start_server(env, log)
            servers.append((server, host, log))
        for server, host, log in servers:
            served.wait_until_up(server, host, log)
        yield [host for _s, host, _l in servers], facts, env
    finally:
        for server, _host, _log in servers:
            served.stop(server)


@pytest.mark.slow
def test_revocations_in_one_server_process_reach_the_other_at_once(two_servers):
    (a, b), facts, env = two_servers
    mia = facts["mia_ms"]
    session = {"sessionid": mia["session"]}
    for host in (a, b, a, b):  # each process remembers the token and the session
        assert _get(host, "/api/v1/me", token=mia["token"])[0] == 200
        assert _get(host, "/api/v1/me", cookies=session)[0] == 200

    # The token revoked through A: B refuses it at its next request.
    status, body, _h = _get(a, "/api/v1/me/tokens", token=mia["token"])
    token_id = json.loads(body)[0]["id"]
    assert _send(a, "DELETE", f"/api/v1/me/tokens/{token_id}", token=mia["token"]) == 204
    assert _get(b, "/api/v1/me", token=mia["token"])[0] == 401
    assert _get(a, "/api/v1/me", token=mia["token"])[0] == 401

    # Log-out through A (the session's own CSRF dance): B refuses the session at once.
    _status, _body, headers = _get(a, "/api/v1/auth/csrf", cookies=session)
    cookie = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        cookie.load(value)
    csrf = cookie["csrftoken"].value
    status = _send(
        a,
        "POST",
        "/api/v1/auth/logout",
        cookies={**session, "csrftoken": csrf},
        headers={"X-CSRFToken": csrf},
    )
    assert status == 204
    assert _get(b, "/api/v1/me", cookies=session)[0] == 401
    assert _get(a, "/api/v1/me", cookies=session)[0] == 401

    # Lin's session, remembered by both, ends from a third process (an operator's command:
    # suspension ends every session): neither server accepts it afterwards.
    lin = {"sessionid": facts["lin_sh"]["session"]}
    for host in (a, b):
        assert _get(host, "/api/v1/me", cookies=lin)[0] == 200
    code = (
        "import django; django.setup()\n"
        "from crossnote.accounts.models import User\n"
        "from crossnote.security.sessions import end_all_sessions\n"
        "end_all_sessions(User.objects.get(username='lin_sh'))\n"
    )
    subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], env=env, check=True, cwd=served.ROOT
    )
    for host in (b, a):
        assert _get(host, "/api/v1/me", cookies=lin)[0] == 401
    assert os.path.exists(os.path.join(env["CROSSNOTE_DATA_DIR"], revocation.FILE_NAME))
