"""Rate limits: one mechanism on every listed action, 429 + Retry-After + a clear message,
counted per account and per client IP (trusted proxy header only; IPv6 grouped by /64)."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, RequestFactory

from crossnote.accounts.models import User
from crossnote.security import services
from crossnote.security.clientip import client_ip, client_ip_group
from crossnote.security.models import RateLimitRule
from crossnote.security.ratelimits import DEFAULT_RATES, check_rate, effective_rates
from tests.conftest import PASSWORD, make_user, upload

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"


def set_rate(settings, name: str, rate: str) -> None:
    settings.CROSSNOTE_RATE_LIMITS = {**settings.CROSSNOTE_RATE_LIMITS, name: rate}


def signup_payload(n: int) -> dict:
    return {
        "username": f"surge_{n}",
        "email": f"surge_{n}@example.com",
        "password": PASSWORD,
        "accept_guidelines": True,
    }


def meta(remote, **headers):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **headers)
    return request


@pytest.fixture(autouse=True)
def _fresh_counters(db):
    """Counters from an earlier test (Redis keeps them between tests) must not count here."""
    from django.core.cache import cache

    cache.clear()


# --- client IP ---------------------------------------------------------------------------------


def test_forwarded_header_is_ignored_without_a_trusted_proxy(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = []
    request = meta("203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.7"


def test_forwarded_header_is_ignored_when_the_peer_is_not_a_trusted_proxy(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    request = meta("203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_ip(request) == "203.0.113.7"


def test_trusted_proxy_header_gives_the_first_untrusted_hop_from_the_right(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    # The client forged "1.2.3.4" at the left; the proxies appended the real address.
    request = meta("127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9, 10.1.2.3")
    assert client_ip(request) == "198.51.100.9"


def test_custom_client_ip_header(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.CROSSNOTE_CLIENT_IP_HEADER = "CF-Connecting-IP"
    request = meta("127.0.0.1", HTTP_CF_CONNECTING_IP="2001:db8:1:2::99")
    assert client_ip(request) == "2001:db8:1:2::99"


def test_garbage_in_the_header_falls_back_to_the_peer(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = ["127.0.0.1"]
    request = meta("127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(request) == "127.0.0.1"


def test_ipv6_is_grouped_by_64_and_mapped_ipv4_is_ipv4(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = []
    assert client_ip_group(meta("2001:db8:aa:bb:1::1")) == "2001:db8:aa:bb::/64"
    assert client_ip_group(meta("2001:db8:aa:bb:ffff::2")) == "2001:db8:aa:bb::/64"
    assert client_ip_group(meta("2001:db8:aa:cc::1")) == "2001:db8:aa:cc::/64"
    assert client_ip_group(meta("::ffff:198.51.100.3")) == "198.51.100.3"


# --- sign-up and log-in ------------------------------------------------------------------------


@pytest.mark.django_db
def test_signup_api_answers_429_with_retry_after_and_a_message(settings):
    set_rate(settings, "signup.ip", "2/h")
    client = Client(REMOTE_ADDR="198.51.100.20")
    for n in range(2):
        assert (
            client.post(SIGNUP, signup_payload(n), content_type="application/json").status_code
            == 201
        )
        client.post("/api/v1/auth/logout")
        client.cookies.clear()
    response = client.post(SIGNUP, signup_payload(9), content_type="application/json")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many sign-ups" in response.json()["detail"]
    assert not User.objects.filter(username="surge_9").exists()
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.21")
    assert (
        other.post(SIGNUP, signup_payload(10), content_type="application/json").status_code == 201
    )


@pytest.mark.django_db
def test_signup_page_answers_429_page_in_the_readers_language(settings):
    set_rate(settings, "signup.ip", "1/h")
    client = Client(REMOTE_ADDR="198.51.100.30", HTTP_ACCEPT_LANGUAGE="zh-hans")
    form = {**signup_payload(1), "accept_guidelines": "on"}
    assert client.post("/signup/", form).status_code == 302
    client.logout()
    response = client.post("/signup/", {**signup_payload(2), "accept_guidelines": "on"})
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    assert 'lang="zh-hans"' in response.content.decode()


@pytest.mark.django_db
def test_ipv6_neighbours_in_one_64_share_a_limit(settings):
    set_rate(settings, "signup.ip", "1/h")
    first = Client(REMOTE_ADDR="2001:db8:5:6::1")
    assert first.post(SIGNUP, signup_payload(1), content_type="application/json").status_code == 201
    same_64 = Client(REMOTE_ADDR="2001:db8:5:6:ffff::2")
    assert (
        same_64.post(SIGNUP, signup_payload(2), content_type="application/json").status_code == 429
    )
    other_64 = Client(REMOTE_ADDR="2001:db8:5:7::1")
    assert (
        other_64.post(SIGNUP, signup_payload(3), content_type="application/json").status_code == 201
    )


@pytest.mark.django_db
def test_trusted_proxy_clients_are_counted_separately(settings):
    settings.CROSSNOTE_TRUSTED_PROXIES = ["127.0.0.1"]
    set_rate(settings, "signup.ip", "1/h")
    proxy = Client(REMOTE_ADDR="127.0.0.1")

    def via(address, n):
        return proxy.post(
            SIGNUP, signup_payload(n), content_type="application/json", HTTP_X_FORWARDED_FOR=address
        ).status_code

    assert via("198.51.100.40", 1) == 201
    proxy.cookies.clear()
    assert via("198.51.100.41", 2) == 201
    proxy.cookies.clear()
    assert via("198.51.100.40", 3) == 429
    # A forged left-most address does not escape the limit.
    assert via("9.9.9.9, 198.51.100.40", 4) == 429


@pytest.mark.django_db
def test_login_attempts_on_one_account_are_limited_across_addresses(settings, mia):
    set_rate(settings, "login.user", "3/15m")
    for n in range(3):
        client = Client(REMOTE_ADDR=f"198.51.100.{50 + n}")
        body = {"username": "mia_ms", "password": "wrong"}
        assert client.post(LOGIN, body, content_type="application/json").status_code == 401
    late = Client(REMOTE_ADDR="198.51.100.99")
    right = {"username": "MIA_MS", "password": PASSWORD}
    response = late.post(LOGIN, right, content_type="application/json")
    assert response.status_code == 429
    assert "log-in attempts" in response.json()["detail"]
    # The page form shares the same counter.
    page = Client(REMOTE_ADDR="198.51.100.98").post("/login/", right)
    assert page.status_code == 429


@pytest.mark.django_db
def test_nobody_can_lock_the_owner_out_by_failing_on_purpose(settings, mia):
    """Failures from many addresses stop new devices, not the browser the owner logged in from."""
    set_rate(settings, "login.user", "3/15m")
    owner = Client(REMOTE_ADDR="198.51.100.70")
    right = {"username": "mia_ms", "password": PASSWORD}
    assert owner.post(LOGIN, right, content_type="application/json").status_code == 200
    assert owner.cookies.get("crossnote_known")
    owner.post("/api/v1/auth/logout")
    for n in range(5):
        attacker = Client(REMOTE_ADDR=f"203.0.113.{10 + n}")
        attacker.post(
            LOGIN, {"username": "mia_ms", "password": "x"}, content_type="application/json"
        )
    stranger = Client(REMOTE_ADDR="203.0.113.99")
    assert stranger.post(LOGIN, right, content_type="application/json").status_code == 429
    # The owner's browser (its known-device cookie) still gets in, by API and by the page.
    assert owner.post(LOGIN, right, content_type="application/json").status_code == 200
    owner.post("/api/v1/auth/logout")
    assert owner.post("/login/", right).status_code == 302
    # A forged or foreign cookie is no key: it is signed, and names other accounts only.
    stranger.cookies["crossnote_known"] = "forged"
    assert stranger.post(LOGIN, right, content_type="application/json").status_code == 429


@pytest.mark.django_db
def test_successful_log_ins_do_not_count_against_the_account(settings, mia):
    set_rate(settings, "login.user", "2/15m")
    right = {"username": "mia_ms", "password": PASSWORD}
    for n in range(4):
        client = Client(REMOTE_ADDR=f"198.51.100.{110 + n}")
        assert client.post(LOGIN, right, content_type="application/json").status_code == 200
    wrong = Client(REMOTE_ADDR="198.51.100.120")
    for _n in range(2):
        body = {"username": "mia_ms", "password": "nope"}
        assert wrong.post("/login/", body).status_code == 200  # the form, with its error
    assert Client(REMOTE_ADDR="198.51.100.121").post("/login/", right).status_code == 429


@pytest.mark.django_db
def test_login_page_is_limited_per_ip(settings, mia):
    set_rate(settings, "login.ip", "2/5m")
    client = Client(REMOTE_ADDR="198.51.100.60")
    for _n in range(2):
        assert client.post("/login/", {"username": "x", "password": "y"}).status_code == 200
    assert client.post("/login/", {"username": "x", "password": "y"}).status_code == 429


# --- every listed action ----------------------------------------------------------------------


@pytest.fixture
def note_of_lin(lin, make_note):
    return make_note(lin, title="Hotpot", body="#food 火锅")


def _post_note(client, note):
    data = {"title": "t", "body": "b", "images": upload()}
    return client.post("/api/v1/notes", data)


def _comment(client, note):
    return client.post(
        f"/api/v1/notes/{note.pk}/comments", {"body": "nice"}, content_type="application/json"
    )


def _like(client, note):
    return client.post(f"/api/v1/notes/{note.pk}/like")


def _follow(client, note):
    return client.post(f"/api/v1/users/{note.author.username}/follow")


def _report(client, note):
    body = {"kind": "note", "object_id": note.pk, "reason": "spam"}
    return client.post("/api/v1/reports", body, content_type="application/json")


def _translate(client, note):
    return client.get(f"/api/v1/notes/{note.pk}/translation?target=en")


def _comment_page(client, note):
    return client.post(f"/notes/{note.pk}/comments/", {"body": "page comment"})


def _like_page(client, note):
    return client.post(f"/notes/{note.pk}/like/")


def _follow_page(client, note):
    return client.post(f"/u/{note.author.username}/follow/")


def _translate_page(client, note):
    return client.get(f"/notes/{note.pk}/translation/?to=en")


ACTIONS = [
    ("post", _post_note),
    ("comment", _comment),
    ("like", _like),
    ("follow", _follow),
    ("report", _report),
    ("translate", _translate),
    ("comment", _comment_page),
    ("like", _like_page),
    ("follow", _follow_page),
    ("translate", _translate_page),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "call"), ACTIONS, ids=[c.__name__ for _a, c in ACTIONS])
def test_each_action_is_limited_per_account(settings, client_for, mia, note_of_lin, action, call):
    set_rate(settings, f"{action}.user", "1/h")
    client = client_for(mia)
    first = call(client, note_of_lin)
    assert first.status_code < 400, (first.status_code, first.content[:300])
    second = call(client, note_of_lin)
    assert second.status_code == 429, second.content[:300]
    assert int(second["Retry-After"]) > 0
    # Someone else is not held back by mia's count.
    other = client_for(make_user("other_person"))
    assert call(other, note_of_lin).status_code < 400


def test_every_listed_action_has_a_default():
    assert set(DEFAULT_RATES) >= {
        "signup",
        "login",
        "post",
        "comment",
        "like",
        "follow",
        "report",
        "translate",
    }


@pytest.mark.django_db
def test_anonymous_translation_is_limited_per_ip(settings, note_of_lin):
    set_rate(settings, "translate.ip", "1/h")
    client = Client(REMOTE_ADDR="198.51.100.70")
    assert _translate(client, note_of_lin).status_code == 200
    assert _translate(client, note_of_lin).status_code == 429


# --- operator tuning ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_rule_overrides_the_settings_at_once(settings, mia, note_of_lin, client_for):
    client = client_for(mia)
    assert _like(client, note_of_lin).status_code == 200
    services.set_rate_rule(action="like", scope="user", rate="1/h")
    assert effective_rates()["like"]["user"] == "1/h"
    # A new rate starts its own count (django-ratelimit keys counters by rate).
    assert _like(client, note_of_lin).status_code == 200
    assert _like(client, note_of_lin).status_code == 429
    services.set_rate_rule(action="like", scope="user", rate="")
    assert not RateLimitRule.objects.exists()


@pytest.mark.django_db
def test_bad_rates_are_refused_with_a_message():
    from crossnote.core.errors import InvalidInput

    for action, scope, rate in [
        ("like", "user", "lots"),
        ("nope", "ip", "1/h"),
        ("like", "x", "1/h"),
    ]:
        with pytest.raises(InvalidInput):
            services.set_rate_rule(action=action, scope=scope, rate=rate)


@pytest.mark.django_db
def test_staff_api_lists_and_sets_limits(client_for):
    admin = make_user("boss", is_staff=True, is_superuser=True)
    client = client_for(admin)
    response = client.put(
        "/api/v1/security/rate-limits/post/user", {"rate": "5/h"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert {"action": "post", "scope": "user", "rate": "5/h"} in response.json()
    bad = client.put(
        "/api/v1/security/rate-limits/post/user",
        {"rate": "5 per h"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    nobody = client_for(make_user("nobody"))
    assert nobody.get("/api/v1/security/rate-limits").status_code == 403


@pytest.mark.django_db
def test_cli_sets_and_lists_limits(capsys, settings):
    settings.CROSSNOTE_RATE_LIMITS = {}
    call_command("security", "limits", "comment.user", "7/h")
    out = capsys.readouterr().out
    assert "comment.user\t7/h" in out
    call_command("security", "limits", "comment.user", "default")
    assert "comment.user\t300/3h" in capsys.readouterr().out


def test_rate_limit_counters_live_in_a_shared_cache(settings):
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    assert (
        backend
        in (
            "crossnote.core.cache.AtomicDatabaseCache",  # atomic incr: tests/security/test_cache_counter.py
            "crossnote.core.cache.ReusedClientRedisCache",  # Django's RedisCache: INCR
        )
    )


@pytest.mark.django_db
def test_counters_in_redis_are_shared_by_separate_clients(settings, redis_url):
    """Two cache clients stand in for two processes: what one counted, the other sees."""
    settings.CACHES = {
        "default": {"BACKEND": "crossnote.core.cache.ReusedClientRedisCache", "LOCATION": redis_url}
    }
    caches._settings = None  # noqa: SLF001 - rebuild the handler from the new settings
    try:
        set_rate(settings, "follow.ip", "1/h")
        request = meta("198.51.100.80")
        request.method = "POST"
        request.user = type("Anon", (), {"is_authenticated": False})()
        check_rate(request, "follow")
        caches["default"].close()
        del caches["default"]  # a fresh connection, like another process
        from crossnote.core.errors import RateLimited

        with pytest.raises(RateLimited):
            check_rate(request, "follow")
    finally:
        del caches["default"]
