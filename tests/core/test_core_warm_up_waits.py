"""The server's background warm-ups (moderation layers, translation engines) start from an app's
ready() and wait for the whole app registry before their first query: a query earlier made
Django warn "Accessing the database during app initialization" in every worker's log at start."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.apps import apps

from crossnote.core import startup
from crossnote.language import warm_up
from crossnote.moderation import pipeline

ROOT = Path(__file__).resolve().parents[2]


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


@pytest.mark.parametrize(
    ("module", "entry", "work"),
    [
        (pipeline, "_warm_in_background", "warm"),
        (warm_up, "_run", "warm_up_engines"),
    ],
)
def test_the_warm_up_waits_until_the_process_can_serve(monkeypatch, module, entry, work):
    """A worker's first request imports nothing and shares the GIL with no warm-up: the warm-ups
    wait until the entry point has loaded the URLconf (each worker's first page took 2-3 s
    after `crossnote serve` on a loaded 2-core machine, 0.35-0.65 s since)."""
    serving = threading.Event()  # the worker while crossnote.wsgi still loads the URLconf
    monkeypatch.setattr(startup, "_serving", serving)
    started = threading.Event()
    monkeypatch.setattr(module, work, lambda: started.set() or {})

    thread = threading.Thread(target=getattr(module, entry), daemon=True)
    thread.start()
    assert not started.wait(0.5), "the warm-up ran before the process could serve"

    startup.load_urls()
    assert started.wait(10), "the warm-up never ran once the URLconf was loaded"
    thread.join(10)


@pytest.mark.parametrize("entry", ["crossnote.wsgi", "crossnote.asgi", "crossnote.rsgi"])
def test_the_entry_points_load_the_urlconf_before_the_first_request(entry, tmp_path):
    """In a fresh process, as a server worker imports its entry point."""
    probe = (
        f"import {entry}\n"
        "from django.urls import get_resolver\n"
        "from crossnote.core import startup\n"
        "print(startup.wait_until_serving(0), 'urlconf_module' in get_resolver().__dict__)\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CROSSNOTE_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split()[-2:] == ["True", "True"], done.stderr[-2000:]
