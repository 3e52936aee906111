"""Web security: CSP without 'unsafe-inline' (and templates that need none), security headers,
`check --deploy` clean in production mode, CSRF on forms and HTMX, no open redirects, and no
user HTML rendered unescaped."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.conftest import PASSWORD, upload

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "crossnote"
# Templates that are never served by the site (written into export archives, opened offline).
NOT_SERVED = {"privacy/templates/privacy/archive_index.html"}
# Modules allowed to mark_safe, each building its HTML from escaped parts (tested below).
MARK_SAFE_ALLOWED = {
    "moderation/presenters.py",
    "notes/templatetags/notes.py",
    "search/snippets.py",
    "language/pinyin.py",
    "insights/views.py",  # insights/charts.render_svg: labels escaped, presentation attributes only
    "core/templatetags/fragments.py",  # a cached block's own rendered (escaped) output
    "federation/templatetags/federation.py",  # remote HTML through nh3's allow-list
}


def templates():
    for path in sorted(PACKAGE.rglob("templates/**/*.html")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel not in NOT_SERVED:
            yield rel, path.read_text()


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_and_security_headers(mia):
    client = Client()
    client.force_login(mia)
    for url in ["/", "/signup/", "/settings/", "/api/v1/me"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "script-src 'self'" in csp and "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    env = {
        **os.environ,
        "CROSSNOTE_PRODUCTION": "true",
        "CROSSNOTE_ALLOW_SQLITE": "true",
        "CROSSNOTE_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "k" * 10 + "production-test-key-with-enough-entropy-0123456789abcdefXYZ",
        "ALLOWED_HOSTS": "crossnote.example",
        "CSRF_TRUSTED_ORIGINS": "https://crossnote.example",
        "DEBUG": "false",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    probe = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='crossnote.settings';"
            "django.setup();from django.conf import settings as s;"
            "print(s.SESSION_COOKIE_SECURE,s.CSRF_COOKIE_SECURE,s.SECURE_SSL_REDIRECT,"
            "s.SECURE_HSTS_SECONDS>=31536000,s.SESSION_COOKIE_HTTPONLY)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.stdout.split() == ["True"] * 5, probe.stdout + probe.stderr


# --- templates need no inline code -------------------------------------------------------------


def test_templates_have_no_inline_script_style_or_handlers():
    problems = []
    for rel, text in templates():
        for match in re.finditer(r"<script\b([^>]*)>", text):
            if "src=" not in match.group(1):
                problems.append(f"{rel}: inline <script>")
        if re.search(r"<style\b", text):
            problems.append(f"{rel}: <style> block")
        if re.search(r"\sstyle\s*=", text):
            problems.append(f"{rel}: style= attribute")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            problems.append(f"{rel}: on…= event handler")
        if re.search(r"hx-on|javascript:", text):
            problems.append(f"{rel}: hx-on / javascript: URL")
    assert problems == [], "the CSP blocks these; use static JS/CSS:\n" + "\n".join(problems)


def test_templates_never_turn_off_escaping():
    problems = [
        rel
        for rel, text in templates()
        if re.search(r"\|\s*safe\b|autoescape\s+off|\|\s*safeseq\b", text)
    ]
    assert problems == []


def test_mark_safe_only_in_reviewed_modules():
    users = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"\bmark_safe\(|SafeString\(", path.read_text())
    }
    assert users <= MARK_SAFE_ALLOWED, users - MARK_SAFE_ALLOWED


def test_every_post_form_has_a_csrf_token_and_htmx_sends_one():
    problems = []
    for rel, text in templates():
        for form in re.finditer(r"<form\b[^>]*>(.*?)</form>", text, re.S | re.I):
            if re.search(
                r"method=[\"']post", form.group(0), re.I
            ) and "csrf_token" not in form.group(1):
                problems.append(rel)
    assert problems == []
    base = (PACKAGE / "templates" / "base.html").read_text()
    assert "X-CSRFToken" in base and "{{ csrf_token }}" in base


@pytest.mark.django_db
def test_csrf_is_enforced_on_pages_and_session_api_calls(mia, make_note, lin):
    note = make_note(lin)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(mia)
    assert browser.post(f"/notes/{note.pk}/like/").status_code == 403
    assert browser.post(f"/api/v1/notes/{note.pk}/like").status_code == 403
    browser.get("/api/v1/auth/csrf")
    token = browser.cookies["csrftoken"].value
    ok = browser.post(f"/api/v1/notes/{note.pk}/like", HTTP_X_CSRFTOKEN=token)
    assert ok.status_code == 200
    htmx = browser.post(f"/notes/{note.pk}/like/", HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200


# --- redirects ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"],
)
def test_no_open_redirects(client_for, mia, lin, make_note, target):
    note = make_note(lin)
    client = client_for(mia)
    places = [
        client.post(f"/report/note/{note.pk}/", {"reason": "spam", "next": target}),
        client.post(f"/u/{lin.username}/follow/", {"next": target}),
        client.post("/boards/new/", {"name": "b", "next": target}),
        client.post("/i18n/setlang/", {"language": "en", "next": target}),
    ]
    anonymous = Client().post(
        f"/login/?next={target}", {"username": "mia_ms", "password": PASSWORD}
    )
    for response in [*places, anonymous]:
        assert response.status_code in (302, 303), response.status_code
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//"), location
        assert "evil" not in location


# --- user text is escaped ----------------------------------------------------------------------


@pytest.mark.django_db
def test_user_html_is_shown_escaped_everywhere(client_for, mia, make_note):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    mia.display_name = "<b>Mia</b>"
    mia.bio = evil
    mia.save()
    note = make_note(mia, title="<i>t</i>", body=f"{evil} #cats @mia_ms")
    client = client_for(mia)
    client.post(f"/notes/{note.pk}/comments/", {"body": evil})
    for url in [f"/notes/{note.pk}/", "/", f"/u/{mia.username}/", "/search?q=cats"]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>Mia</b>" not in html and "<i>t</i>" not in html, url


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(name for name, _v in attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(str(html))
    parser.close()
    return parser


hostile_text = st.lists(
    st.sampled_from([*"<>&\"'=/ ab#@_\n猫火锅", "script", "img", "onerror", "#topic", "@mia_ms"]),
    max_size=30,
).map("".join)


@hsettings(max_examples=150, deadline=None)
@given(hostile_text)
def test_highlighters_and_ruby_build_html_only_from_escaped_text(text):
    from crossnote.language.pinyin import pinyin_ruby
    from crossnote.moderation.presenters import highlight
    from crossnote.search.snippets import snippet

    for html, allowed in [
        (highlight(text, [(0, min(3, len(text)))]), {"mark", "br"}),
        (snippet(text, {"a", "猫"}), {"mark"}),
        (pinyin_ruby(text), {"ruby", "rt", "br"}),
    ]:
        parsed = _parsed(html)
        assert {tag for tag, _attrs in parsed.tags} <= allowed, html
        assert all(attrs == () for _tag, attrs in parsed.tags), html


@pytest.mark.django_db
@hsettings(max_examples=100, deadline=None)
@given(hostile_text)
def test_note_text_links_only_topics_and_mentions(text):
    from crossnote.notes.templatetags.notes import note_text

    parsed = _parsed(note_text(text))
    for tag, attrs in parsed.tags:
        assert tag in {"a", "br"}, (text, tag)
        if tag == "a":
            assert attrs == ("class", "href")
    assert "".join(parsed.text).replace("\n", "") == text.replace("\n", "")


@pytest.mark.django_db
def test_nul_characters_in_text_are_a_400_everywhere(client_for, mia, lin, make_note):
    note = make_note(lin)
    client = client_for(mia)
    api = client.post("/api/v1/me/tokens", '{"name": "a\\u0000b"}', content_type="application/json")
    assert api.status_code == 400 and "NUL" in api.json()["detail"]
    literal = client.post(
        "/api/v1/me/tokens", '{"name": "a\\\\u0000b"}', content_type="application/json"
    )
    assert literal.status_code == 201  # a typed backslash-u is just text
    page = client.post(f"/report/note/{note.pk}/", {"reason": "spam", "text": "x\x00y"})
    assert page.status_code == 400
    assert client.get("/search?q=a%00b").status_code == 400
    photo = client.post("/api/v1/notes", {"title": "ok", "images": upload()})
    assert photo.status_code == 201  # image bytes hold NULs; files are not text
