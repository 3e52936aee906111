"""`crossnote translation install` (and `make run`'s `--if-missing`) against a local Argos index.

A local HTTP server plays the package index and serves small valid .argosmodel files built by
the fixtures (a tiny random CTranslate2 model): every enabled pair the index has is fetched,
checked (checksum, package layout, the model loads) and installed; offline is said plainly,
quickly, and never fails `make run`.
"""

import hashlib
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from crossnote.language.backends import argos
from crossnote.language.backends.argos import ArgosBackend, OfflineError
from crossnote.language.detection import ENABLED_CACHE_KEY
from tests.language.conftest import build_argos_package

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def en_zh_package(tmp_path_factory) -> Path:
    return build_argos_package(tmp_path_factory.mktemp("argos-en-zh"), "en", "zh")


@pytest.fixture
def models_dir(settings, tmp_path) -> Path:
    """Argos models go to a fresh folder; zh, en and fr are enabled; argos leads the chain."""
    folder = tmp_path / "translation-models"
    options = dict(settings.CROSSNOTE_TRANSLATION_OPTIONS)
    options["argos"] = {**options.get("argos", {}), "models_dir": str(folder)}
    settings.CROSSNOTE_TRANSLATION_OPTIONS = options
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["argos", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_AUTO_INSTALL = True
    settings.CROSSNOTE_LANGUAGES = ["zh", "en", "fr"]
    cache.delete(ENABLED_CACHE_KEY)
    yield folder
    cache.delete(ENABLED_CACHE_KEY)


def entry(base_url, source, target, **extra):
    """An index entry shaped like argospm-index's (real entries have no checksum)."""
    return {
        "package_version": "1.0",
        "argos_version": "1.9.0",
        "from_code": source,
        "to_code": target,
        "code": f"translate-{source}_{target}",
        "type": "translate",
        "links": [f"{base_url}/v1/translate-{source}_{target}-1_0.argosmodel"],
        **extra,
    }


@pytest.fixture
def index(serve, argos_package, en_zh_package, settings):
    """A local index with zh→en and en→zh (sha256 given for zh→en) and nothing for French.

    `server.entries` may be changed by a test; `server.files` maps a path to the bytes served.
    """
    files = {
        "/v1/translate-zh_en-1_0.argosmodel": argos_package.read_bytes(),
        "/v1/translate-en_zh-1_0.argosmodel": en_zh_package.read_bytes(),
    }

    def service(seen):
        if seen.path == "/index.json":
            return 200, server.entries
        if seen.path in server.files:
            return 200, server.files[seen.path], {"Content-Type": "application/octet-stream"}
        return 404, b"Not found"

    server = serve(service)
    server.files = files
    zh_en_sha = hashlib.sha256(files["/v1/translate-zh_en-1_0.argosmodel"]).hexdigest()
    server.entries = [
        entry(server.url, "en", "de"),
        entry(server.url, "zh", "en", sha256=zh_en_sha),
        entry(server.url, "en", "zh"),
    ]
    settings.CROSSNOTE_ARGOS_INDEX_URL = server.url + "/index.json"
    return server


def run(*args) -> str:
    out = StringIO()
    call_command("translation", "install", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def downloads(server) -> list[str]:
    return [seen.path for seen in server.requests if seen.path.endswith(".argosmodel")]


def test_install_without_languages_installs_every_enabled_pair_the_index_has(index, models_dir):
    out = run()

    assert [seen.path for seen in index.requests] == [
        "/index.json",  # fetched once for all pairs
        "/v1/translate-zh_en-1_0.argosmodel",  # the first languages' pairs first
        "/v1/translate-en_zh-1_0.argosmodel",
    ]
    assert "Installing zh→en (1/2)" in out and "Installing en→zh (2/2)" in out
    assert "No Argos Translate package for zh→fr, en→fr, fr→zh, fr→en" in out
    backend = ArgosBackend({"models_dir": str(models_dir)})
    assert backend.supports("zh", "en") and backend.supports("en", "zh")
    assert len(backend.translate_batch(["See you in Chengdu!"], "en", "zh")) == 1
    assert sorted(p.name for p in models_dir.iterdir()) == [".index.json", "en_zh", "zh_en"]


def test_if_missing_after_a_full_install_needs_no_network(index, models_dir):
    run("--if-missing")
    before = len(index.requests)

    out = run("--if-missing")

    assert len(index.requests) == before  # the kept index says nothing else is to be had
    assert "already installed (zh→en, en→zh); nothing to do" in out


def test_if_missing_installs_only_what_is_missing(index, models_dir, argos_package):
    argos.install_from_file(argos_package, models_dir=models_dir)

    out = run("--if-missing")

    assert downloads(index) == ["/v1/translate-en_zh-1_0.argosmodel"]
    assert "Installing en→zh (1/1)" in out
    assert ArgosBackend({"models_dir": str(models_dir)}).supports("en", "zh")


def test_an_explicit_pair_with_if_missing_is_skipped_when_installed(index, models_dir):
    run("zh", "en")
    index.requests.clear()

    assert "already installed (zh→en)" in run("zh", "en", "--if-missing")
    assert index.requests == []


def test_an_explicit_pair_installs_only_that_pair(index, models_dir):
    out = run("zh", "en")

    assert downloads(index) == ["/v1/translate-zh_en-1_0.argosmodel"]
    assert f"Installed at {models_dir / 'zh_en'}" in out


def test_a_pair_the_index_lacks_is_refused_when_asked_for(index, models_dir):
    with pytest.raises(CommandError, match="has no en→fr package"):
        run("en", "fr")


# --- offline ------------------------------------------------------------------------------


@pytest.fixture
def offline(settings, closed_port):
    settings.CROSSNOTE_ARGOS_INDEX_URL = f"http://127.0.0.1:{closed_port}/index.json"
    return settings.CROSSNOTE_ARGOS_INDEX_URL


def test_offline_if_missing_says_so_and_succeeds_quickly(offline, models_dir):
    started = time.monotonic()
    out = run("--if-missing")  # no CommandError: `make run` goes on

    assert time.monotonic() - started < 5
    assert out.startswith(
        "No internet connection: the offline word-by-word view stays in use; install later "
        "with `crossnote translation install`, or `--file model.argosmodel` from a machine "
        "that has it."
    )
    assert f"Cannot reach {offline}" in out
    assert not models_dir.exists() or not any(models_dir.iterdir())


@pytest.mark.parametrize("languages", [("zh", "en"), ()])
def test_offline_explicit_install_fails_with_the_same_message(offline, models_dir, languages):
    with pytest.raises(CommandError, match="No internet connection") as error:
        run(*languages)
    assert "--file model.argosmodel" in str(error.value)


def test_offline_with_some_models_names_what_is_installed(offline, models_dir, argos_package):
    argos.install_from_file(argos_package, models_dir=models_dir)

    out = run("--if-missing")

    assert out.startswith(
        "No internet connection: zh→en installed, the other pairs keep the offline word-by-word view"
    )


def test_the_cli_exits_0_for_make_run_and_non_zero_for_an_explicit_install(offline, models_dir):
    from crossnote.cli import main

    main(["translation", "install", "--if-missing"])  # returns: exit status 0
    with pytest.raises(SystemExit) as exit_:
        main(["translation", "install", "zh", "en"])
    assert "No internet connection" in str(exit_.value.code)


def test_an_index_that_never_answers_counts_as_offline_within_the_deadline(
    index, models_dir, monkeypatch
):
    monkeypatch.setattr(argos, "INDEX_DEADLINE", 0.3)
    index.delay = 10  # released when the server closes

    started = time.monotonic()
    with pytest.raises(OfflineError, match=r"no answer in 0\.3 s"):
        argos.fetch_index(index.url + "/index.json")
    assert time.monotonic() - started < 2
    assert "No internet connection" in run("--if-missing")


def test_the_switch_turns_the_automatic_download_off(index, models_dir, settings):
    settings.CROSSNOTE_TRANSLATION_AUTO_INSTALL = False

    out = run("--if-missing")

    assert "automatic download is off (CROSSNOTE_TRANSLATION_AUTO_INSTALL=0)" in out
    assert index.requests == []
    run("zh", "en")  # an operator's explicit install still works
    assert downloads(index) == ["/v1/translate-zh_en-1_0.argosmodel"]


def test_nothing_is_downloaded_when_argos_is_not_in_the_chain(index, models_dir, settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]

    assert "nothing downloaded; argos is not in CROSSNOTE_TRANSLATION_BACKENDS" in run(
        "--if-missing"
    )
    assert index.requests == []


# --- checks before anything is installed --------------------------------------------------


def test_a_checksum_mismatch_is_refused_and_nothing_is_installed(index, models_dir):
    index.entries[1]["sha256"] = "0" * 64

    with pytest.raises(CommandError, match="Checksum mismatch .* Nothing was installed"):
        run("zh", "en")
    assert sorted(p.name for p in models_dir.iterdir()) == [".index.json"]  # no .download-*


def test_if_missing_goes_on_past_a_bad_pair_and_still_succeeds(index, models_dir):
    index.entries[1]["sha256"] = "0" * 64

    out = run("--if-missing")

    assert "zh→en not installed: Checksum mismatch" in out
    assert "Not installed: zh→en (see above)" in out
    backend = ArgosBackend({"models_dir": str(models_dir)})
    assert backend.supports("en", "zh") and not backend.supports("zh", "en")


def test_a_matching_checksum_in_the_prefixed_form_is_accepted(index, models_dir, en_zh_package):
    digest = hashlib.sha256(en_zh_package.read_bytes()).hexdigest()
    index.entries[2]["checksum"] = f"sha256:{digest.upper()}"

    run("en", "zh")

    assert argos.is_installed("en", "zh", models_dir)


@pytest.mark.parametrize(
    ("checksum", "message"),
    [("crc32:1234abcd", "unknown checksum kind"), ("sha256:not-hex", "unreadable checksum")],
)
def test_a_checksum_the_installer_cannot_check_is_refused(index, models_dir, checksum, message):
    index.entries[2]["checksum"] = checksum

    with pytest.raises(CommandError, match=message):
        run("en", "zh")
    assert not argos.is_installed("en", "zh", models_dir)


def test_a_package_whose_model_does_not_load_is_refused(index, models_dir, tmp_path):
    import zipfile

    path = "/v1/translate-en_zh-1_0.argosmodel"
    good_file, broken = tmp_path / "good.argosmodel", tmp_path / "broken.argosmodel"
    good_file.write_bytes(index.files[path])
    with zipfile.ZipFile(good_file) as good, zipfile.ZipFile(broken, "w") as bad:
        for info in good.infolist():
            data = good.read(info)
            bad.writestr(info, b"not a model" if info.filename.endswith("model.bin") else data)
    index.files[path] = broken.read_bytes()

    with pytest.raises(CommandError, match="does not load"):
        run("en", "zh")
    assert [p.name for p in models_dir.iterdir()] == [".index.json"]  # staging removed too


def test_links_are_tried_in_order_skipping_other_schemes(index, models_dir):
    good = index.entries[2]["links"][0]
    index.entries[2]["links"] = ["ipfs://QmSomething", index.url + "/gone.argosmodel", good]

    run("en", "zh")

    assert downloads(index) == ["/gone.argosmodel", "/v1/translate-en_zh-1_0.argosmodel"]
    assert argos.is_installed("en", "zh", models_dir)


# --- telling the operator -------------------------------------------------------------------


def test_doctor_and_the_admin_say_when_no_real_engine_is_installed(models_dir, argos_package):
    from django.contrib import admin

    from crossnote.language.models import LanguageSettings
    from crossnote.ops.doctor import INFO, WARNING, _translation_findings

    page = admin.site._registry[LanguageSettings]
    (finding,) = _translation_findings()
    assert finding.level == WARNING and "No machine translation engine" in finding.message
    assert "crossnote translation install" in finding.fix
    assert "No machine translation engine" in page.engines_by_pair(None)
    listing = StringIO()
    call_command("translation", "list", stdout=listing)
    assert "No machine translation engine" in listing.getvalue()

    argos.install_from_file(argos_package, models_dir=models_dir)

    (finding,) = _translation_findings()
    assert finding.level == INFO
    assert finding.message == "Machine translation serves 1 of 6 language pairs (argos)."
    assert "no translation: zh→fr, en→zh, en→fr, fr→zh, fr→en." in finding.fix
    assert "No machine translation engine" not in page.engines_by_pair(None)
    listing = StringIO()
    call_command("translation", "list", stdout=listing)
    assert "zh→en   argos" in listing.getvalue()
    assert "No machine translation engine" not in listing.getvalue()


def test_make_run_installs_missing_models_after_migrating_and_never_fails_on_it():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run_target = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0].splitlines()

    steps = [line.strip() for line in run_target[1:]]
    assert steps.index("$(VENV)/bin/crossnote translation install --if-missing || true") == 1
    assert "migrate" in steps[0] and "serve" in steps[-1]


def test_a_download_the_disk_cannot_hold_is_refused_before_writing(index, models_dir, monkeypatch):
    real = argos.shutil.disk_usage
    monkeypatch.setattr(argos.shutil, "disk_usage", lambda path: real(path)._replace(free=1_000))

    with pytest.raises(CommandError, match="Not enough disk space"):
        run("zh", "en")
    assert sorted(p.name for p in models_dir.iterdir()) == [".index.json"]


def test_leftovers_of_a_killed_install_are_swept_when_old(index, models_dir):
    import os

    models_dir.mkdir(parents=True)
    old_file, old_dir = models_dir / ".download-old.argosmodel", models_dir / ".install-old"
    fresh = models_dir / ".download-running.argosmodel"
    old_file.write_bytes(b"partial")
    (old_dir / "translate-zh_en").mkdir(parents=True)
    fresh.write_bytes(b"another install, now")
    day_ago = time.time() - 86400
    for path in (old_file, old_dir):
        os.utime(path, (day_ago, day_ago))

    run("zh", "en")

    assert sorted(p.name for p in models_dir.iterdir()) == [
        ".download-running.argosmodel",
        ".index.json",
        "zh_en",
    ]


def test_if_missing_when_the_kept_index_has_nothing_for_these_languages(
    index, models_dir, settings
):
    run("--if-missing")
    settings.CROSSNOTE_LANGUAGES = ["fr", "ja"]
    cache.delete(ENABLED_CACHE_KEY)
    index.requests.clear()

    out = run("--if-missing")

    assert "has no package for the enabled languages; nothing to do" in out
    assert index.requests == []


def test_long_pair_lists_are_cut_short(index, models_dir, settings, argos_package):
    from crossnote.ops.doctor import _translation_findings

    settings.CROSSNOTE_LANGUAGES = ["zh", "en", "ja", "ko", "es", "fr", "de"]
    cache.delete(ENABLED_CACHE_KEY)
    argos.install_from_file(argos_package, models_dir=models_dir)
    index.entries = [e for e in index.entries if e["to_code"] != "de"]  # its file is not served

    out = run()

    assert "No Argos Translate package for zh→ja, en→ja, ja→zh, ja→en," in out
    assert " and 32 more: those pairs use the next engine" in out  # 40 pairs, 8 named
    (finding,) = _translation_findings()
    assert finding.message == "Machine translation serves 2 of 42 language pairs (argos)."
    assert "… (+28). `crossnote translation install`" in finding.fix


def test_the_admin_page_shows_the_notice_in_the_readers_language(models_dir, client):
    from crossnote.language.models import LanguageSettings
    from tests.conftest import make_user

    make_user("root_admin", is_staff=True, is_superuser=True)
    client.login(username="root_admin", password="correct horse battery")
    row, _ = LanguageSettings.objects.get_or_create(
        pk=1, defaults={"enabled_languages": ["zh", "en"]}
    )
    url = f"/admin/language/languagesettings/{row.pk}/change/"

    page = client.get(url).content.decode()
    assert '<p class="no-mt-engine"><strong>No machine translation engine is installed' in page
    assert "Run `crossnote translation install` on the server" in page
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "未安装机器翻译引擎" in chinese and "crossnote translation install" in chinese
