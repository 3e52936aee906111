"""Logging out is at hand where a person looks for it (the avatar's menu in the top bar; their own
profile, where a phone's Me tab leads), stays a POST with CSRF, and says it happened."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGOUT_FORM = re.compile(
    r'<form[^>]* method="post" action="/logout/"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"'
    r' value="([^"]+)">\s*<button[^>]*data-testid="(me-menu-logout|profile-logout)"'
)


def signed_in(user, **headers) -> Client:
    client = Client(enforce_csrf_checks=True, **headers)
    client.force_login(user)
    return client


def logout_forms(page) -> dict[str, str]:
    """testid → the CSRF token its logout form carries."""
    return {testid: token for token, testid in LOGOUT_FORM.findall(page.content.decode())}


def test_the_avatar_menu_holds_a_logout_form_on_every_page(mia):
    client = signed_in(mia)
    for path in ("/", reverse("accounts:settings")):
        forms = logout_forms(client.get(path))
        assert "me-menu-logout" in forms, path
    page = client.get("/").content.decode()
    assert f'href="{reverse("accounts:profile", args=[mia.username])}"' in page
    assert 'data-testid="me-menu"' in page


def test_ones_own_profile_has_log_out_and_anothers_does_not(mia, lin):
    client = signed_in(mia)
    assert "profile-logout" in logout_forms(client.get(f"/u/{mia.username}/"))
    assert "profile-logout" not in logout_forms(client.get(f"/u/{lin.username}/"))


def test_signed_out_pages_have_no_account_menu():
    page = Client().get("/").content.decode()
    assert 'data-testid="me-menu"' not in page and "/logout/" not in page


@pytest.mark.parametrize(
    ("language", "said"), [("en", "You have signed out."), ("zh-hans", "你已退出登录。")]
)
def test_logging_out_from_the_menu_signs_out_and_says_so(mia, language, said):
    client = signed_in(mia)
    client.cookies["django_language"] = language
    token = logout_forms(client.get("/"))["me-menu-logout"]
    response = client.post("/logout/", {"csrfmiddlewaretoken": token}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("feeds:explore")
    page = response.content.decode()
    assert said in page
    assert not response.wsgi_request.user.is_authenticated
    assert 'data-testid="me-menu"' not in page
    # Said once: the next page does not repeat it.
    assert said not in client.get("/").content.decode()


def test_logging_out_without_the_csrf_token_is_refused(mia):
    client = signed_in(mia)
    assert client.post("/logout/").status_code == 403
    assert client.get(reverse("accounts:settings")).status_code == 200  # still signed in
