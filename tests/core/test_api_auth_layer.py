"""The API's authentication sits in core, below every app's router (security's included); a
personal access token is accounts', which hands core its look-up at start-up."""

import pytest

from crossnote.accounts import auth as accounts_auth
from crossnote.accounts.services import create_api_token
from crossnote.core import api_auth
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_token():
    staff = make_user("warden", is_staff=True, is_superuser=True)
    _token, secret = create_api_token(user=staff, name="ops")
    return secret


def test_a_token_reaches_a_lower_apps_api(client, staff_token):
    answer = client.get("/api/v1/security/surge", HTTP_AUTHORIZATION=f"Bearer {staff_token}")
    assert answer.status_code == 200, answer.content


def test_without_the_accounts_look_up_no_token_authenticates(client, staff_token, monkeypatch):
    monkeypatch.setattr(api_auth, "_token_lookup", None)
    answer = client.get("/api/v1/security/surge", HTTP_AUTHORIZATION=f"Bearer {staff_token}")
    assert answer.status_code == 401


def test_a_wrong_token_is_refused(client, staff_token):
    answer = client.get("/api/v1/security/surge", HTTP_AUTHORIZATION="Bearer cn_not-a-token")
    assert answer.status_code == 401


def test_accounts_re_exports_the_same_auth():
    assert accounts_auth.REQUIRED is api_auth.REQUIRED
    assert accounts_auth.anonymous is api_auth.anonymous
