"""Engines warmed at start: only in a server process, only local engines, nothing stored."""

import sys

import pytest

from crossnote.language import backends, warm_up
from crossnote.language.backends.base import BackendInfo, TranslationBackend
from crossnote.language.models import Translation

CALLS: list[tuple[str, str, str]] = []


class LocalEngine(TranslationBackend):
    info = BackendInfo(name="test-local", label="Local", is_local=True)

    def supports(self, source, target):
        return {source, target} == {"zh", "en"}

    def translate_batch(self, segments, source, target):
        CALLS.append(("local", source, target))
        if source == "en":
            raise RuntimeError("model file is corrupt")
        return segments


class RemoteEngine(LocalEngine):
    info = BackendInfo(name="test-remote", label="Remote", is_local=False)

    def translate_batch(self, segments, source, target):
        CALLS.append(("remote", source, target))
        return segments


@pytest.fixture
def engines(settings, monkeypatch):
    CALLS.clear()
    monkeypatch.setitem(backends.REGISTRY, "test-local", f"{__name__}.LocalEngine")
    monkeypatch.setitem(backends.REGISTRY, "test-remote", f"{__name__}.RemoteEngine")
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["test-remote", "test-local"]
    monkeypatch.setattr(warm_up, "_languages", lambda: ["zh", "en", "fr"])


@pytest.mark.django_db
def test_warm_up_loads_local_engines_for_each_pair_and_sends_nothing_away(engines):
    timings = warm_up.warm_up_engines()
    assert sorted(CALLS) == [("local", "en", "zh"), ("local", "zh", "en")]  # a failure is skipped
    assert set(timings) == {"detection", "test-local"}
    assert not Translation.objects.exists()


@pytest.mark.parametrize(
    ("argv", "environ", "flag", "serves"),
    [
        (["manage.py", "runserver"], {"RUN_MAIN": "true"}, False, True),
        (["manage.py", "runserver"], {}, False, False),  # the autoreloader's parent
        (["manage.py", "runserver", "--noreload"], {}, False, True),
        (["manage.py", "migrate"], {}, True, False),
        (["/srv/.venv/bin/crossnote", "demo"], {}, True, False),
        (["granian"], {}, True, True),  # a worker under `crossnote serve`
        (["granian"], {}, False, False),
        (["celery"], {}, False, False),
    ],
)
def test_only_server_processes_warm_up(settings, argv, environ, flag, serves):
    settings.CROSSNOTE_TRANSLATION_WARM_UP = flag
    assert warm_up.is_server_process(argv, environ) is serves


def test_the_test_run_itself_never_warms_up(settings):
    settings.CROSSNOTE_TRANSLATION_WARM_UP = True
    assert warm_up.is_server_process() is False
    assert "pytest" in sys.modules and warm_up._thread is None  # apps.ready() started nothing


def test_serve_turns_warm_up_on_for_its_workers(monkeypatch, tmp_path):
    from crossnote import cli

    seen = {}
    monkeypatch.delenv("CROSSNOTE_TRANSLATION_WARM_UP", raising=False)
    monkeypatch.setattr(cli, "_port_taken", lambda host, port: "")  # nothing listens here
    monkeypatch.setattr(cli.os, "execv", lambda path, argv: seen.update(argv=argv))
    cli.main(["serve", "--port", "8999"])
    assert seen["argv"][0].endswith("granian")
    assert cli.os.environ["CROSSNOTE_TRANSLATION_WARM_UP"] == "true"
    monkeypatch.delenv("CROSSNOTE_TRANSLATION_WARM_UP")


@pytest.mark.django_db(transaction=True)
def test_start_warms_once_in_a_background_thread(engines, monkeypatch):
    monkeypatch.setattr(warm_up, "_thread", None)
    thread = warm_up.start()
    assert thread.daemon and warm_up.start() is thread  # once per process
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert ("local", "zh", "en") in CALLS
