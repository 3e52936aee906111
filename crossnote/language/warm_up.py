"""Load the language detector and the local translation engines when a server process starts.

Without it the first reader to tap "Translate" after a start waits for the engines to load
(CC-CEDICT and jieba's dictionary, Argos models: ~5 s on a small machine). A server process
(`crossnote serve`, which turns CROSSNOTE_TRANSLATION_WARM_UP on, or `manage.py runserver`)
loads them in a daemon thread right after start-up, so requests are served meanwhile; tests,
management commands and workers never do. Nothing is written to the database and no text goes
to a remote engine: each local engine translates a short sample per enabled language pair.
"""

import logging
import os
import sys
import threading
import time

from django.conf import settings

from crossnote.core import startup

log = logging.getLogger(__name__)

# A few words per language, enough to load the models of each pair (never stored).
SAMPLES = {
    "zh": "你好，今天的咖啡很好喝。",
    "en": "Hello, the coffee is good today.",
    "ja": "こんにちは、今日のコーヒーはおいしいです。",
    "ko": "안녕하세요, 오늘 커피가 맛있어요.",
    "es": "Hola, el café está bueno hoy.",
    "fr": "Bonjour, le café est bon aujourd'hui.",
    "de": "Hallo, der Kaffee ist heute gut.",
}
COMMANDS = ("manage.py", "django-admin", "crossnote")

_lock = threading.Lock()
_thread: threading.Thread | None = None


def is_server_process(argv: list[str] | None = None, environ=None) -> bool:
    """Whether this process serves pages: runserver's serving child, or any process started with
    CROSSNOTE_TRANSLATION_WARM_UP (granian's workers under `crossnote serve`). Never under pytest
    or for another management command."""
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    if "pytest" in sys.modules and argv is sys.argv:
        return False
    program = os.path.basename(argv[0]) if argv else ""
    if program in COMMANDS or (program == "__main__.py" and "django" in argv[0]):
        command = argv[1] if len(argv) > 1 else ""
        # runserver's autoreloader runs the server in a child marked RUN_MAIN=true.
        return command == "runserver" and (
            environ.get("RUN_MAIN") == "true" or "--noreload" in argv
        )
    return bool(settings.CROSSNOTE_TRANSLATION_WARM_UP)


def _languages() -> list[str]:
    from crossnote.language.detection import enabled_languages

    try:
        return list(enabled_languages())  # the operator's choice in the database
    except Exception:  # noqa: BLE001 - no tables yet (a fresh install): the settings' list
        return list(settings.CROSSNOTE_LANGUAGES)


def warm_up_engines() -> dict[str, float]:
    """Load the detector and each local engine's models for every enabled pair; returns the
    seconds each took. An engine that fails is logged and skipped (it fails again, visibly, when
    a reader asks)."""
    from crossnote.language import backends
    from crossnote.language.detection import detect_language

    codes = _languages()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    for code in codes:
        detect_language(SAMPLES.get(code, SAMPLES["en"]), codes=tuple(codes))
    timings["detection"] = time.perf_counter() - started
    for backend in backends.chain():
        if not backend.info.is_local:
            continue  # never send text to a remote service just to warm it
        started = time.perf_counter()
        for source in codes:
            for target in codes:
                if source == target or not backend.supports(source, target):
                    continue
                try:
                    backend.translate_batch([SAMPLES.get(source, SAMPLES["en"])], source, target)
                except Exception as exc:  # noqa: BLE001 - a broken engine must not stop the rest
                    log.warning(
                        "warm-up: %s %s→%s failed: %s", backend.info.name, source, target, exc
                    )
        timings[backend.info.name] = time.perf_counter() - started
    return timings


# How long the warm-up waits for the app registry (every app's ready()) before giving up.
READY_WAIT = 120.0
# How long it then waits for the process's URLconf to load (crossnote.core.startup) before going
# ahead anyway.
SERVING_WAIT = 30.0


def _run() -> None:
    from django.apps import apps
    from django.db import connections

    # Started from an app's ready(): wait for the rest of them (a query before the registry is
    # ready makes Django warn "Accessing the database during app initialization").
    if not apps.ready_event.wait(READY_WAIT):
        log.warning("translation warm-up skipped: the app registry never became ready")
        return
    startup.wait_until_serving(SERVING_WAIT)  # the first requests first (crossnote.core.startup)
    try:
        timings = warm_up_engines()
        log.info(
            "translation engines warmed: %s",
            ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()),
        )
    except Exception:  # noqa: BLE001 - warming is best effort; requests load what they need
        log.exception("translation warm-up failed")
    finally:
        connections.close_all()  # this thread's connection, if the language list needed one


def start() -> threading.Thread:
    """Warm up in a daemon thread, once per process; returns the thread."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_run, name="translation-warm-up", daemon=True)
            _thread.start()
        return _thread
