"""Liveness, readiness and Prometheus metrics (crossnote.ops)."""

import socket

import pytest
from celery import shared_task
from prometheus_client import REGISTRY

from crossnote.core.tasks import run_now


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sample(name, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_healthz_answers_without_login_any_host_and_no_database(client, settings):
    settings.ALLOWED_HOSTS = ["notes.example.com"]  # a load balancer probes by IP address
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["X-Request-ID"]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert body["checks"]["broker"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_naming_an_unreachable_broker(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"] != "ok" and "Error" in body["checks"]["broker"]
    # Strangers learn that it failed, not why (reasons may name internal hosts).
    public = client.get("/readyz", REMOTE_ADDR="198.51.100.7").json()
    assert public["checks"] == {"database": "ok", "cache": "ok", "broker": "unavailable"}


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "crossnote.core.cache.ReusedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] != "ok"


@pytest.mark.django_db
def test_readyz_on_real_redis_cache_and_broker(client, settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "crossnote.core.cache.ReusedClientRedisCache", "LOCATION": redis_url}
    }
    settings.CELERY_BROKER_URL = redis_url
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_readyz_on_real_rabbitmq_broker(client, settings, amqp_url):
    settings.CELERY_BROKER_URL = amqp_url
    response = client.get("/readyz")
    assert response.status_code == 200, response.content


def test_metrics_are_refused_to_strangers_and_given_to_allowed_ips_or_the_token(client, settings):
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1", "10.1.0.0/16"]
    settings.METRICS_TOKEN = "s3cret-scraper-token"
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.9").status_code == 403
    assert (
        client.get(
            "/metrics", REMOTE_ADDR="192.0.2.9", HTTP_AUTHORIZATION="Bearer wrong"
        ).status_code
        == 403
    )
    assert client.get("/metrics", REMOTE_ADDR="10.1.44.2").status_code == 200
    response = client.get(
        "/metrics", REMOTE_ADDR="192.0.2.9", HTTP_AUTHORIZATION="Bearer s3cret-scraper-token"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"crossnote_http_request_duration_seconds" in response.content


@pytest.mark.django_db
def test_request_latency_is_recorded_by_route_pattern(client, mia, make_note):
    note = make_note(mia, title="Latency")
    labels = {"method": "GET", "route": "/notes/<int:pk>/", "status": "200"}
    route = client.get(f"/notes/{note.pk}/").wsgi_request.resolver_match.route
    labels["route"] = "/" + route
    before = sample("crossnote_http_request_duration_seconds_count", **labels)
    assert client.get(f"/notes/{note.pk}/").status_code == 200
    assert sample("crossnote_http_request_duration_seconds_count", **labels) == before + 1
    # Unknown paths share one label instead of one series per URL.
    before = sample(
        "crossnote_http_request_duration_seconds_count",
        method="GET",
        route="<unmatched>",
        status="404",
    )
    client.get("/no/such/page/xyz")
    client.get("/no/such/page/abc")
    after = sample(
        "crossnote_http_request_duration_seconds_count",
        method="GET",
        route="<unmatched>",
        status="404",
    )
    assert after == before + 2


@shared_task(name="tests.ops.add")
def add(a, b):
    return a + b


@shared_task(name="tests.ops.boom")
def boom():
    raise RuntimeError("kaboom")


@pytest.mark.django_db
def test_task_successes_retries_and_failures_are_counted_through_celery_signals():
    ok = sample("crossnote_tasks_total", task="tests.ops.add", outcome="success")
    bad = sample("crossnote_tasks_total", task="tests.ops.boom", outcome="failure")
    retried = sample("crossnote_tasks_total", task="tests.ops.boom", outcome="retry")
    run_now(add, 1, 2)
    run_now(add, 3, 4)
    run_now(boom)  # retried (the tasks' shared policy), then logged as failed, not raised
    assert sample("crossnote_tasks_total", task="tests.ops.add", outcome="success") == ok + 2
    assert sample("crossnote_tasks_total", task="tests.ops.boom", outcome="failure") == bad + 1
    assert sample("crossnote_tasks_total", task="tests.ops.boom", outcome="retry") > retried


@pytest.mark.django_db
def test_moderation_decisions_are_counted(mia, make_note):
    from crossnote.moderation.services import withhold_note

    labels = {"kind": "note", "action": "withhold", "automated": "false"}
    before = sample("crossnote_moderation_decisions_total", **labels)
    note = make_note(mia, title="Withheld somewhere")
    withhold_note(note=note, regions=["DE"], legal_basis="NetzDG order 1", by=mia)
    assert sample("crossnote_moderation_decisions_total", **labels) == before + 1


@pytest.mark.django_db
def test_translations_are_counted_fresh_cached_and_failed(settings):
    from crossnote.language.services import translate_text

    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["libretranslate", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "libretranslate": {"url": f"http://127.0.0.1:{_closed_port()}", "timeout": 2},
    }
    fresh = sample("crossnote_translations_total", backend="dictionary", cached="false")
    cached = sample("crossnote_translations_total", backend="dictionary", cached="true")
    failed = sample("crossnote_translation_backend_failures_total", backend="libretranslate")
    first = translate_text("我喜欢猫", "en", source="zh")
    assert first.backend == "dictionary" and not first.cached
    second = translate_text("我喜欢猫", "en", source="zh")
    assert second.cached
    assert sample("crossnote_translations_total", backend="dictionary", cached="false") == fresh + 1
    assert sample("crossnote_translations_total", backend="dictionary", cached="true") == cached + 1
    assert (
        sample("crossnote_translation_backend_failures_total", backend="libretranslate")
        == failed + 1
    )
