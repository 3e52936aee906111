"""The server's background warm-ups (moderation layers, translation engines) start from an app's
ready() and wait for the whole app registry before their first query: a query earlier made
Django warn "Accessing the database during app initialization" in every worker's log at start."""

import threading

import pytest
from django.apps import apps

from crossnote.language import warm_up
from crossnote.moderation import pipeline


@pytest.mark.parametrize(
    ("module", "entry", "work"),
    [
        (pipeline, "_warm_in_background", "warm"),
        (warm_up, "_run", "warm_up_engines"),
    ],
)
def test_the_warm_up_waits_for_the_app_registry(monkeypatch, module, entry, work):
    registry_ready = threading.Event()  # the registry as it is while apps' ready() still run
    monkeypatch.setattr(apps, "ready_event", registry_ready)
    started = threading.Event()
    monkeypatch.setattr(module, work, lambda: started.set() or {})

    thread = threading.Thread(target=getattr(module, entry), daemon=True)
    thread.start()
    assert not started.wait(0.5), "the warm-up ran before every app was ready"

    registry_ready.set()
    assert started.wait(10), "the warm-up never ran once the registry was ready"
    thread.join(10)


def test_a_registry_that_never_becomes_ready_skips_the_warm_up(monkeypatch, caplog):
    monkeypatch.setattr(apps, "ready_event", threading.Event())
    monkeypatch.setattr(pipeline, "READY_WAIT", 0.05)
    ran = []
    monkeypatch.setattr(pipeline, "warm", lambda: ran.append(1) or 0.0)
    pipeline._warm_in_background()
    assert not ran
    assert "app registry never became ready" in caplog.text
