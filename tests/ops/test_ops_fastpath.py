"""The fixed cost of every request (issue 19): exact paths' URL matches remembered per process
(crossnote.core.handlers), the message storage made on first use and the locale middleware
without path lookups (crossnote.core.middleware), the access log line made without a stack walk,
the scheduler middleware out of the chain; with what each must not change."""

import io
import sys

import pytest
from django.contrib import messages
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.test import override_settings
from django.urls import get_resolver, path, re_path, resolve

from crossnote.core import handlers
from crossnote.core.handlers import CrossnoteWSGIHandler, ResolvedPaths


def _add_message(request):
    messages.success(request, "Saved.")
    return HttpResponse("added")


def _show_messages(request):
    page = engines["django"].from_string("{% for m in messages %}[{{ m }}]{% endfor %}")
    return HttpResponse(page.render({"messages": messages.get_messages(request)}))


def _plain(request):
    return JsonResponse({"plain": True})


urlpatterns = [
    path("add/", _add_message),
    path("show/", _show_messages),
    path("plain/", _plain),
    path("thing/<int:pk>/", _plain, name="thing"),
]


class CatchAll:
    """A URLconf whose one pattern takes every path without capturing anything."""

    urlpatterns = [re_path(r"", _plain)]


def call(application, path_info, **headers):
    """One request through a WSGI application: (status line, headers dict, body)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
    }
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(response_headers)

    # As Django's test client: the request signals must not close the test's connection (on
    # PostgreSQL the test runs inside a transaction a closed connection cannot reopen).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        try:
            body = b"".join(response)
        finally:
            response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return seen["status"], seen["headers"], body


@pytest.mark.django_db
def test_exact_paths_resolve_as_django_does_and_are_remembered():
    handler = CrossnoteWSGIHandler()
    for path_info in ("/", "/following/", "/api/v1/feeds/explore", "/search", "/messages/"):
        status, _headers, _body = call(handler, path_info)
        assert not status.startswith("5"), (path_info, status)
        remembered = handler.resolved_paths.matches[path_info]
        expected = resolve(path_info)
        assert (remembered.func, remembered.view_name, remembered.route) == (
            expected.func,
            expected.view_name,
            expected.route,
        )
    first = handler.resolved_paths.matches["/following/"]
    call(handler, "/following/")
    assert handler.resolved_paths.matches["/following/"] is first  # reused, not resolved again


@pytest.mark.django_db
def test_paths_with_arguments_and_unknown_paths_are_not_remembered():
    handler = CrossnoteWSGIHandler()
    status, _h, _b = call(handler, "/u/nobody-here/")
    assert status.startswith("404")
    status, _h, _b = call(handler, "/no/such/page/")
    assert status.startswith("404")
    assert "/u/nobody-here/" not in handler.resolved_paths.matches
    assert "/no/such/page/" not in handler.resolved_paths.matches


@override_settings(ROOT_URLCONF=__name__)
def test_each_path_gets_its_own_arguments():
    memo = ResolvedPaths()
    resolver = get_resolver()
    assert memo.resolve(resolver, "/thing/1/").kwargs == {"pk": 1}
    assert memo.resolve(resolver, "/thing/2/").kwargs == {"pk": 2}
    assert memo.matches == {}
    assert memo.resolve(resolver, "/plain/").func is _plain
    assert list(memo.matches) == ["/plain/"]


def test_a_new_urlconf_is_resolved_afresh():
    memo = ResolvedPaths()
    with override_settings(ROOT_URLCONF=__name__):
        assert memo.resolve(get_resolver(), "/plain/").func is _plain
    # The project's URLconf has no /plain/: the remembered match must not answer for it.
    from django.urls import Resolver404

    with pytest.raises(Resolver404):
        memo.resolve(get_resolver(), "/plain/")


@override_settings(ROOT_URLCONF=CatchAll)
def test_the_memo_cannot_grow_past_its_limit(monkeypatch):
    monkeypatch.setattr(handlers, "MEMO_LIMIT", 50)
    memo = ResolvedPaths()
    for number in range(200):
        assert memo.resolve(get_resolver(), f"/anything/{number}").func is _plain
    assert 0 < len(memo.matches) <= 50


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_message_added_in_one_request_is_shown_in_the_next(client):
    assert client.get("/add/").content == b"added"
    assert "messages" in client.cookies  # stored as before (cookie storage first)
    assert client.get("/show/").content == b"[Saved.]"
    assert client.get("/show/").content == b""  # shown once


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_request_that_never_touches_messages_leaves_their_cookie_alone(client):
    client.get("/add/")
    stored = client.cookies["messages"].value
    response = client.get("/plain/")
    assert "messages" not in response.cookies  # neither rewritten nor deleted
    assert client.cookies["messages"].value == stored
    assert client.get("/show/").content == b"[Saved.]"


@pytest.mark.django_db
def test_language_headers_are_as_django_sets_them(client):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert english["Content-Language"] == "en"
    assert chinese["Content-Language"] == "zh-hans"
    for response in (english, chinese):
        assert "Accept-Language" in response["Vary"]
    client.cookies["django_language"] = "zh-hans"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "zh-hans"


def test_the_scheduler_middleware_starts_the_scheduler_and_leaves_the_chain(monkeypatch):
    from django.core.exceptions import MiddlewareNotUsed

    from crossnote.core import scheduler

    started = []
    monkeypatch.setattr(scheduler, "ensure_started", lambda: started.append(True))
    with pytest.raises(MiddlewareNotUsed):  # Django leaves it out of the chain
        scheduler.PeriodicJobsMiddleware(lambda request: None)
    assert started == [True]


@pytest.mark.django_db
def test_hello_through_the_handler_keeps_every_header():
    with override_settings(CROSSNOTE_BENCH_HELLO=True):
        status, headers, body = call(CrossnoteWSGIHandler(), "/bench/hello", X_Request_ID="abc-1")
    assert status.startswith("200") and body == b'{"hello": "world"}'
    assert headers["X-Request-ID"] == "abc-1"
    assert headers["Content-Language"] == "en"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in headers["Vary"].split(",")}
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Resource-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
    ):
        assert name in headers, name
