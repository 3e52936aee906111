"""Two people who share no language chat in real time in chromium: Mia in the English UI, Lin in
the Chinese UI, each with automatic translation on.

pytest-django's live_server speaks WSGI only, so this test starts the real ASGI server
(`crossnote serve`, granian) on a free port against its own data folder (a file SQLite database),
exactly as an operator runs it, and drives two browser contexts against it.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.served import migrate_data

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from crossnote.accounts.models import User
from crossnote.social.services import follow_user

def person(username, name, region, languages):
    user = User(username=username, email=f"{username}@example.com", display_name=name,
                region=region, languages=languages)
    user.set_password("correct horse battery")
    user.save()
    return user

def session(user):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    return s.session_key

mia = person("mia_ms", "Mia", "US", ["en"])
lin = person("lin_sh", "小林", "CN", ["zh"])
stranger = person("lucky_trader", "Lucky", "US", ["en"])
follow_user(follower=mia, followee=lin)
follow_user(follower=lin, followee=mia)
print(json.dumps({"mia": session(mia), "lin": session(lin), "stranger": session(stranger)}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def asgi_server(tmp_path, request):
    """`crossnote serve` (ASGI, one worker: the in-memory channel layer of the embedded default)
    on a free port, with people and log-in sessions made in its database. Extra `serve`
    arguments come from indirect parametrisation."""
    extra = list(getattr(request, "param", []))
    env = {
        **os.environ,
        "CROSSNOTE_DATA_DIR": str(tmp_path / "data"),
        "CROSSNOTE_TRANSLATION_BACKENDS": "dictionary",
        "DJANGO_SETTINGS_MODULE": "crossnote.settings",
        "REDIS_URL": "",
        "DATABASE_URL": "",
        "CELERY_BROKER_URL": "",
    }
    env.pop("DATABASE_URL")
    crossnote = [sys.executable, "-m", "crossnote.cli"]
    migrate_data(tmp_path / "data")  # `crossnote migrate`, once per test process (tests/served.py)
    setup = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", "import django; django.setup()\n" + SETUP],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    sessions = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
        [*crossnote, "serve", "--port", str(port), "--workers", "1", *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: granian's workers stop with it
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)  # noqa: S310 - our own local server
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("crossnote serve did not start:\n" + server.stdout.read().decode())
            time.sleep(0.3)
    yield url, sessions
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def open_as(browser, url, session_key, language):
    context = browser.new_context(
        viewport=DESKTOP, locale="zh-CN" if language == "zh-hans" else "en-US"
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {"name": "sessionid", "value": session_key, "url": url},
            {"name": "django_language", "value": language, "url": url},
        ]
    )
    return context


def test_two_people_without_a_shared_language_chat_in_real_time(
    asgi_server, browser, screenshots, page_errors
):
    url, sessions = asgi_server
    mia_ctx = open_as(browser, url, sessions["mia"], "en")
    lin_ctx = open_as(browser, url, sessions["lin"], "zh-hans")
    mia = page_errors.watch(mia_ctx.new_page())
    lin = page_errors.watch(lin_ctx.new_page())

    # Mia starts the conversation from her inbox.
    mia.goto(url + "/messages/")
    mia.fill("#id_recipients", "lin_sh")
    mia.get_by_role("button", name="Start conversation").click()
    expect(mia.get_by_test_id("conversation")).to_be_visible()
    conversation_url = mia.url
    # Both turn on automatic translation of the other's messages.
    mia.get_by_test_id("auto-translate").check()
    mia.wait_for_load_state()
    expect(mia.get_by_test_id("live-status")).to_have_attribute("data-mode", "live")

    lin.goto(conversation_url)
    expect(lin.locator("html")).to_have_attribute("lang", "zh-hans")
    lin.get_by_test_id("auto-translate").check()
    lin.wait_for_load_state()
    expect(lin.get_by_test_id("live-status")).to_have_attribute("data-mode", "live")

    # Lin types in Chinese: Mia sees "typing", then the message arrives with no reload.
    lin.get_by_test_id("message-input").fill("你好！我喜欢猫和火锅")
    expect(mia.locator("[data-dm-typing-line]")).to_be_visible()
    lin.get_by_test_id("send").click()
    arrived = mia.get_by_test_id("message").filter(has_text="hotpot")
    # The first translation loads the CC-CEDICT dictionary in the server: allow for it once.
    expect(arrived).to_be_visible(timeout=15_000)
    expect(arrived.get_by_test_id("auto-translation")).to_contain_text("cat")
    # The original is one tap away.
    arrived.get_by_role("button", name="Show original").click()
    expect(arrived.get_by_test_id("message-body")).to_contain_text("我喜欢猫")

    # Mia answers in English; Lin reads it translated into Chinese, in real time.
    mia.get_by_test_id("message-input").fill("I like cats too")
    mia.get_by_test_id("message-input").press("Enter")
    reply = lin.get_by_test_id("message").filter(has_text="猫")
    # The first English→Chinese gloss loads that direction of the dictionary: allow for it once.
    expect(reply.last.get_by_test_id("auto-translation")).to_be_visible(timeout=15_000)
    expect(lin.get_by_test_id("message").last).to_contain_text("I like cats too")
    # Lin read it: Mia's message shows "Seen" without a reload.
    expect(mia.get_by_test_id("read-receipt").last).to_be_visible(timeout=5_000)

    mia.screenshot(path=str(screenshots / "messages-chat-en.png"))
    lin.screenshot(path=str(screenshots / "messages-chat-zh.png"))
    assert page_errors == []
    mia_ctx.close()
    lin_ctx.close()


def test_a_scam_from_a_stranger_waits_in_requests_with_a_warning(
    asgi_server, browser, screenshots, page_errors
):
    url, sessions = asgi_server
    stranger_ctx = open_as(browser, url, sessions["stranger"], "en")
    lin_ctx = open_as(browser, url, sessions["lin"], "zh-hans")
    stranger = page_errors.watch(stranger_ctx.new_page())
    lin = page_errors.watch(lin_ctx.new_page())
    stranger.goto(url + "/messages/new/")
    stranger.fill("#id_recipients", "lin_sh")
    stranger.fill("#id_body", "Add me on WhatsApp, I can teach you crypto investing, 300% profit")
    stranger.locator("form.dm-new button[type=submit]").click()
    expect(stranger.get_by_test_id("conversation")).to_be_visible()

    lin.goto(url + "/messages/")
    expect(lin.get_by_test_id("messages-badge")).to_have_text("1")
    lin.get_by_test_id("requests-tab").click()
    lin.get_by_test_id("conversation-link").first.click()
    expect(lin.get_by_test_id("request-bar")).to_be_visible()
    expect(lin.get_by_test_id("scam-warning")).to_be_visible()
    lin.screenshot(path=str(screenshots / "messages-request-warning-zh.png"))
    # Lin reports it: she is told that only this message (and context) goes to moderators.
    lin.get_by_test_id("message").first.locator("summary").click()
    lin.get_by_test_id("report-form").get_by_role("button").click()
    expect(lin.locator(".msg-success")).to_be_visible()
    assert page_errors == []
    stranger_ctx.close()
    lin_ctx.close()


@pytest.mark.parametrize("asgi_server", [["--no-websockets"]], indirect=True)
def test_without_websockets_the_chat_falls_back_to_polling(asgi_server, browser, page_errors):
    """A proxy that refuses WebSockets: pages poll, and messages still arrive without a reload."""
    url, sessions = asgi_server
    mia_ctx = open_as(browser, url, sessions["mia"], "en")
    lin_ctx = open_as(browser, url, sessions["lin"], "zh-hans")
    mia = mia_ctx.new_page()
    lin = lin_ctx.new_page()
    mia.goto(url + "/messages/new/")
    mia.fill("#id_recipients", "lin_sh")
    mia.locator("form.dm-new button[type=submit]").click()
    conversation_url = mia.url
    lin.goto(conversation_url)
    expect(lin.get_by_test_id("live-status")).to_have_attribute("data-mode", "polling")
    mia.get_by_test_id("message-input").fill("Are you there?")
    mia.get_by_test_id("send").click()
    expect(lin.get_by_test_id("message").filter(has_text="Are you there?")).to_be_visible(
        timeout=15_000
    )
    mia_ctx.close()
    lin_ctx.close()
