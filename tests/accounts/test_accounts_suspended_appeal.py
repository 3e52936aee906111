"""A suspended person can still read why and appeal (EU DSA Art. 17, 20): the right password
opens a page with the statements of reasons and the appeal form, and nothing else; a wrong one
answers as it always did; closed or erased accounts get no such page; a reversal on appeal ends
the suspension and the person logs in as usual."""

import re
from unittest import mock

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

from crossnote.moderation.models import Appeal, Decision, ReviewItem, Suspension
from crossnote.notes.services import create_note
from crossnote.privacy.services import erase_now, schedule_erasure
from tests.conftest import client_of, make_moderator, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
PASSWORD = "correct horse battery"  # tests.conftest.make_user


@pytest.fixture
def mod():
    return make_moderator("mod_wang", region="CN", languages=["zh"])


@pytest.fixture
def senior():
    return make_moderator(
        "senior_li", region="CN", languages=["zh", "en"], group="senior moderator"
    )


def removed(reporter, mod, author, title):
    """A note of `author` reported and removed by a moderator: one strike."""
    note = create_note(author=author, title=title, body="Such a nice day", images=[upload()])
    client_of(reporter).post(
        "/api/v1/reports",
        {"kind": "note", "object_id": note.pk, "reason": "harassment", "text": "rude"},
        content_type=JSON,
    )
    item = ReviewItem.objects.get(object_id=note.pk, kind="note", appeal__isnull=True)
    answer = client_of(mod).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "remove", "reason": "insulting the neighbours"},
        content_type=JSON,
    )
    assert answer.status_code == 200, answer.content
    return Decision.objects.get(kind="note", object_id=note.pk, automated=False)


@pytest.fixture
def suspended(lin, mod, mia, settings):
    """Mia, a newcomer, suspended for 7 days on her second strike (the default ladder)."""
    settings.CROSSNOTE_STRIKE_LADDER = ["warn", "suspend:7", "suspend"]
    first = removed(lin, mod, mia, "Neighbours")
    second = removed(lin, mod, mia, "Neighbours again")
    mia.refresh_from_db()
    assert not mia.is_active and Suspension.objects.filter(user=mia, lifted=False).exists()
    return mia, first, second


def log_in(client, username, password=PASSWORD, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def test_the_right_password_opens_the_suspended_page_with_statements_and_appeal(suspended):
    mia, first, second = suspended
    browser = Client()
    answer = log_in(browser, mia.username)
    assert answer.status_code == 302 and answer["Location"] == "/suspended/"
    assert "_auth_user_id" not in browser.session  # no session of the account
    page = browser.get("/suspended/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="suspended-title"' in html and "Suspended until" in html
    assert html.count('data-testid="statement-text"') == 2
    assert first.statement.split(".")[0] in html  # the stored statements, as the notices page
    assert f'action="/suspended/decisions/{second.pk}/appeal/"' in html
    # By email too, and in Chinese.
    zh = log_in(Client(), mia.email, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh["Location"] == "/suspended/"
    zh_page = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    log_in(zh_page, mia.username)
    assert "你的账号已被暂停" in zh_page.get("/suspended/").content.decode()


def test_an_appeal_from_the_page_lands_in_the_senior_queue(suspended, mod):
    mia, _first, second = suspended
    browser = Client()
    log_in(browser, mia.username)
    sent = browser.post(f"/suspended/decisions/{second.pk}/appeal/", {"text": "I was joking"})
    assert sent.status_code == 302 and sent["Location"] == "/suspended/"
    appeal = Appeal.objects.get(decision=second, author=mia)
    item = ReviewItem.objects.get(appeal=appeal)
    assert item.needs_senior and item.excluded_moderator == mod and item.status == "open"
    # A refused one comes back on the page beside its decision, the text kept.
    again = browser.post(f"/suspended/decisions/{second.pk}/appeal/", {"text": "again please"})
    assert again.status_code == 409 and 'data-testid="appeal-error"' in again.content.decode()
    empty = browser.post(f"/suspended/decisions/{_first.pk}/appeal/", {"text": "   x" * 600})
    assert empty.status_code == 400 and "   x" * 600 + "</textarea>" in empty.content.decode()
    assert Appeal.objects.count() == 1


def test_the_marked_session_opens_nothing_else(suspended, lin):
    mia, first, _second = suspended
    browser = Client()
    log_in(browser, mia.username)
    for path in ("/", "/following/", "/notes/new/", "/messages/", "/moderation/notices/"):
        answer = browser.get(path)
        assert answer.status_code == 302 and answer["Location"] == "/suspended/", path
    for path in ("/api/v1/feeds/explore", "/api/v1/me", "/api/v1/notifications"):
        answer = browser.get(path)
        assert answer.status_code == 403 and answer.json()["url"] == "/suspended/", path
    posted = browser.post("/api/v1/notes", {"title": "x"}, content_type=JSON)
    assert posted.status_code == 403
    # The notices page's own appeal route is not open either (only the page's).
    assert (
        browser.post(f"/moderation/decisions/{first.pk}/appeal/", {"text": "x"}).status_code == 302
    )
    assert not Appeal.objects.exists()
    # Log-out clears the marker: the page sends to the log-in form, explore is a visitor's.
    browser.post("/logout/")
    assert browser.get("/suspended/")["Location"].startswith("/login/")
    assert browser.get("/").status_code == 200


def test_a_wrong_password_answers_exactly_as_before(suspended, lin):
    mia, _first, _second = suspended

    def page(username):
        answer = log_in(Client(), username, "not the password")
        html = re.sub(
            r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1T", answer.content.decode()
        )
        return answer.status_code, html.replace(username, "X"), answer.get("Location")

    # Suspended, active (Lin), unknown: the same form, the same words, no marker.
    assert page(mia.username) == page(lin.username) == page("nobody_here")
    assert page(mia.username)[0] == 200
    # And the same work: as many password hashes (its time tells nothing either).
    hashes = {}
    for name in (mia.username, lin.username, "nobody_here"):
        with mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
        ) as encode:
            log_in(Client(), name, "not the password")
        hashes[name] = encode.call_count
    assert len(set(hashes.values())) == 1 and hashes[mia.username] >= 1, hashes
    api_wrong = Client().post(
        "/api/v1/auth/login", {"username": mia.username, "password": "nope"}, content_type=JSON
    )
    api_unknown = Client().post(
        "/api/v1/auth/login", {"username": "nobody_here", "password": "nope"}, content_type=JSON
    )
    assert api_wrong.status_code == api_unknown.status_code == 401
    assert api_wrong.json() == api_unknown.json()


def test_the_api_login_answers_403_with_until_and_the_page(suspended):
    mia, _first, _second = suspended
    client = Client()
    answer = client.post(
        "/api/v1/auth/login", {"username": mia.username, "password": PASSWORD}, content_type=JSON
    )
    assert answer.status_code == 403
    body = answer.json()
    held = Suspension.objects.get(user=mia, lifted=False)
    assert body["status"] == "suspended" and body["url"].endswith("/suspended/")
    assert body["until"].startswith(held.until.strftime("%Y-%m-%dT%H:%M"))
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/me").status_code == 403
    assert client.get("/suspended/").status_code == 200


def test_closed_erased_and_waiting_accounts_get_no_page(lin, mia, settings):
    schedule_erasure(user=lin, via="page")  # closed: deletion pending
    closed = Client()
    answer = log_in(closed, lin.username)
    assert answer.get("Location") != "/suspended/"
    assert "suspended_person" not in closed.session
    mia.is_active = False  # waiting for approval, say: inactive without a suspension
    mia.save(update_fields=["is_active"])
    waiting = log_in(Client(), mia.username)
    assert waiting.status_code == 200 and "suspended" not in waiting.content.decode().lower()
    erased_name = mia.username
    erase_now(user=mia, operator="test")
    erased = log_in(Client(), erased_name)
    assert erased.status_code == 200 and "/suspended/" not in erased.content.decode()
    assert Client().get("/suspended/")["Location"].startswith("/login/")


def test_a_reversal_on_appeal_ends_the_suspension_and_she_logs_in(suspended, senior):
    mia, _first, second = suspended
    browser = Client()
    log_in(browser, mia.username)
    browser.post(f"/suspended/decisions/{second.pk}/appeal/", {"text": "I was joking"})
    item = ReviewItem.objects.get(appeal__decision=second)
    decided = client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "reverse", "reason": "a joke among friends"},
        content_type=JSON,
    )
    assert decided.status_code == 200
    mia.refresh_from_db()
    assert mia.is_active and not Suspension.objects.filter(user=mia, lifted=False).exists()
    # The old marker is stale now: the page sends to log-in, and the log-in is a normal one.
    assert browser.get("/suspended/")["Location"].startswith("/login/")
    answer = log_in(browser, mia.username)
    assert answer.status_code == 302 and answer["Location"] != "/suspended/"
    assert browser.session["_auth_user_id"] == str(mia.pk)
    assert "suspended_person" not in browser.session
    assert browser.get("/api/v1/me").json()["username"] == mia.username


def test_an_upheld_appeal_keeps_the_suspension(suspended, senior):
    mia, _first, second = suspended
    browser = Client()
    log_in(browser, mia.username)
    browser.post(f"/suspended/decisions/{second.pk}/appeal/", {"text": "I was joking"})
    item = ReviewItem.objects.get(appeal__decision=second)
    client_of(senior).post(
        f"/api/v1/moderation/queue/{item.pk}/decide",
        {"action": "uphold", "reason": "it was not a joke"},
        content_type=JSON,
    )
    mia.refresh_from_db()
    assert not mia.is_active
    assert log_in(Client(), mia.username)["Location"] == "/suspended/"
