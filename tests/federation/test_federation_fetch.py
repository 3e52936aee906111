"""Outgoing HTTP is SSRF-safe: only HTTPS to public addresses (checked after DNS, the connection
pinned to the checked address), with size, time and redirect limits; the development setting lets
plain HTTP reach loopback only. Deliveries are signed as Mastodon signs and verify."""

import json
import socket
import threading
from http.server import ThreadingHTTPServer

import pytest

from crossnote.federation import fetch
from crossnote.federation.signatures import verify_request
from tests.federation.federation_fixtures import Recorder


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/actor",  # plain HTTP
        "https://127.0.0.1/actor",
        "https://10.0.0.1/actor",
        "https://172.16.5.4/actor",
        "https://192.168.1.1/actor",
        "https://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
        "https://[::1]/actor",
        "https://[fe80::1]/actor",
        "https://[::ffff:127.0.0.1]/actor",
        "https://224.0.0.1/actor",  # multicast
        "https://0.0.0.0/actor",
        "https://100.64.0.1/actor",  # carrier-grade NAT: not global
        "https://localhost/actor",  # a DNS name for loopback
        "https://user:pw@example.com/actor",
        "ftp://example.com/actor",
        "file:///etc/passwd",
    ],
)
def test_non_public_or_non_https_targets_are_refused(url):
    with pytest.raises(fetch.FetchRefused):
        fetch.resolve_target(url)


@pytest.fixture
def dns(monkeypatch):
    """Names resolve to what the test says (the system resolver cannot be told here)."""
    answers: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in answers[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def test_dns_names_that_resolve_to_private_addresses_are_refused(dns):
    dns["evil.example"] = ["10.0.0.5"]
    dns["rebind.example"] = ["93.184.216.34", "127.0.0.1"]  # any private answer refuses it
    dns["fine.example"] = ["93.184.216.34"]
    for name in ("evil.example", "rebind.example"):
        with pytest.raises(fetch.FetchRefused, match="non-public"):
            fetch.resolve_target(f"https://{name}/actor")
    assert fetch.resolve_target("https://fine.example/actor") == (
        "https",
        "fine.example",
        443,
        "93.184.216.34",
    )


def test_loopback_needs_the_development_setting_and_then_allows_http(settings, dns):
    dns["loop.example"] = ["127.0.0.1"]
    with pytest.raises(fetch.FetchRefused):
        fetch.resolve_target("http://127.0.0.1:8123/x")
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    assert fetch.resolve_target("http://127.0.0.1:8123/x")[3] == "127.0.0.1"
    assert fetch.resolve_target("http://loop.example:8123/x")[3] == "127.0.0.1"
    with pytest.raises(fetch.FetchRefused):  # still nothing private but loopback
        fetch.resolve_target("http://10.0.0.1/x")


def test_an_oversize_answer_is_refused(peer, settings):
    base, recorder = peer
    settings.CROSSNOTE_FEDERATION_MAX_BYTES = 1000
    recorder.routes["/big"] = (
        200,
        {"Content-Type": "application/json"},
        b"[" + b"1," * 5000 + b"1]",
    )
    with pytest.raises(fetch.FetchRefused, match="larger than 1000 bytes"):
        fetch.get_json(f"{base}/big")


def test_redirects_are_checked_again_and_limited(peer, settings):
    base, recorder = peer
    recorder.routes["/to-private"] = (302, {"Location": "http://10.0.0.1/latest"}, b"")
    with pytest.raises(fetch.FetchRefused):
        fetch.get_json(f"{base}/to-private")
    recorder.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(fetch.FetchRefused, match="too many redirects"):
        fetch.get_json(f"{base}/loop")
    recorder.routes["/moved"] = (301, {"Location": "/doc"}, b"")
    recorder.routes["/doc"] = (200, {}, b'{"ok": true}')
    assert fetch.get_json(f"{base}/moved") == {"ok": True}


def test_a_slow_answer_is_cut_off(peer, settings):
    base, recorder = peer
    settings.CROSSNOTE_FEDERATION_TIMEOUT = 0.5

    class Slow(Recorder):
        def do_GET(self):  # noqa: N802
            import time

            time.sleep(2)
            self.send_response(200)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)  # a free port from the system
    slow_port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(fetch.FetchRefused):
            fetch.get_json(f"http://127.0.0.1:{slow_port}/x")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
def test_a_delivery_is_signed_as_mastodon_signs_and_verifies(peer, lin, settings):
    from crossnote.federation import activities, services, tasks

    base, recorder = peer
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    recorder.routes["/inbox"] = (202, {}, b"")
    activity = activities.wrap(lin, "Like", "https://elsewhere.example/notes/1")
    assert tasks.deliver(lin.pk, f"{base}/inbox", activity) == 202
    method, path, headers, body = recorder.seen[-1]
    assert (method, path, json.loads(body)) == ("POST", "/inbox", activity)
    assert headers["Content-Type"] == "application/activity+json"
    verified = verify_request(
        method="POST",
        url=f"{base}/inbox",
        headers=headers,
        body=body,
        public_key=lambda key_id: services.key_for(lin).public_pem,
        window=60,
    )
    assert verified.key_id == "https://crossnote.example/ap/users/lin_sh#main-key"


@pytest.mark.django_db
def test_a_refused_delivery_is_final_and_a_server_error_is_retried(peer, lin, settings):
    from crossnote.core.tasks import PermanentFailure
    from crossnote.federation import activities, tasks

    base, recorder = peer
    settings.CROSSNOTE_FEDERATION_DOMAIN = "crossnote.example"
    activity = activities.wrap(lin, "Like", "https://elsewhere.example/notes/1")
    recorder.routes["/gone"] = (410, {}, b"gone")
    with pytest.raises(PermanentFailure, match="410"):
        tasks.deliver(lin.pk, f"{base}/gone", activity)
    recorder.routes["/down"] = (503, {}, b"later")
    with pytest.raises(RuntimeError, match="503"):
        tasks.deliver(lin.pk, f"{base}/down", activity)
    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = False
    with pytest.raises(PermanentFailure):  # a loopback inbox in production: never tried
        tasks.deliver(lin.pk, f"{base}/inbox", activity)


def test_the_http_loopback_setting_is_refused_in_production(settings):
    from crossnote.federation.checks import http_loopback_in_production

    settings.CROSSNOTE_FEDERATION_ALLOW_HTTP_LOOPBACK = True
    settings.PRODUCTION = False
    assert http_loopback_in_production() == []
    settings.PRODUCTION = True
    assert [e.id for e in http_loopback_in_production()] == ["federation.E001"]
