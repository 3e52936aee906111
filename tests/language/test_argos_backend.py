"""The argos backend end to end and offline, on a tiny random model built by the fixtures."""

import json
import zipfile
from pathlib import Path

import ctranslate2
import pytest

from crossnote.language.backends import argos
from crossnote.language.backends.argos import (
    ArgosBackend,
    ModelDownloadError,
    ModelInstallError,
    install_from_file,
    install_package,
    installed_packages,
)
from crossnote.language.backends.base import BackendUnavailable
from tests.language.conftest import build_argos_package


@pytest.fixture
def models_dir(tmp_path) -> Path:
    return tmp_path / "translation-models"


@pytest.fixture
def installed(argos_package, models_dir) -> ArgosBackend:
    """An ArgosBackend with the tiny zh→en package installed."""
    install_from_file(argos_package, models_dir=models_dir)
    return ArgosBackend({"models_dir": str(models_dir), "max_decoding_length": 64})


def test_install_from_file_unpacks_the_package_and_lists_it(argos_package, models_dir):
    path = install_from_file(argos_package, models_dir=models_dir)

    folder = models_dir / "zh_en"
    assert path == folder
    for name in ("metadata.json", "sentencepiece.model", "model/model.bin", "model/config.json"):
        assert (folder / name).is_file()
    assert [(p["from_code"], p["to_code"], p["path"]) for p in installed_packages(models_dir)] == [
        ("zh", "en", str(folder))
    ]
    assert [p.name for p in models_dir.iterdir()] == ["zh_en"]  # no staging leftovers


def test_supports_only_installed_direct_pairs(installed):
    assert installed.supports("zh", "en")
    assert not installed.supports("en", "zh")
    assert not installed.supports("zh", "fr")  # no pivot through English


def test_translate_batch_returns_one_string_per_segment_in_order(installed):
    segments = ["早上好，这是我的第一条笔记。", " ", "Good morning!", "上海的咖啡很好喝。"]

    result = installed.translate_batch(segments, "zh", "en")

    assert len(result) == 4 and all(isinstance(text, str) for text in result)
    assert result[1] == " "  # blank segments never reach the model
    # Random weights, but decoding is deterministic: the same input gives the same output.
    assert installed.translate_batch(segments[:1], "zh", "en") == result[:1]


def test_the_loaded_model_is_cached_per_package(installed, monkeypatch):
    loads = []
    real_translator = ctranslate2.Translator

    def counting_translator(*args, **kwargs):
        loads.append(args[0])
        return real_translator(*args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", counting_translator)
    argos._forget(installed.models_dir / "zh_en")

    installed.translate_batch(["早上好"], "zh", "en")
    installed.translate_batch(["上海的咖啡很好喝。", "下周成都见！"], "zh", "en")
    ArgosBackend(installed.options).translate_batch(["你好"], "zh", "en")

    assert loads == [str(installed.models_dir / "zh_en" / "model")]


def test_a_missing_pair_falls_through(installed):
    with pytest.raises(BackendUnavailable, match="en→zh"):
        installed.translate_batch(["Good morning"], "en", "zh")


def test_a_corrupt_model_folder_falls_through(installed):
    folder = installed.models_dir / "zh_en"
    (folder / "model" / "model.bin").write_bytes(b"not a model")
    argos._forget(folder)

    assert installed.supports("zh", "en")
    with pytest.raises(BackendUnavailable, match="Cannot load"):
        installed.translate_batch(["早上好"], "zh", "en")


def test_a_missing_tokenizer_falls_through(installed):
    folder = installed.models_dir / "zh_en"
    (folder / "sentencepiece.model").unlink()
    argos._forget(folder)

    with pytest.raises(BackendUnavailable, match="Cannot load"):
        installed.translate_batch(["早上好"], "zh", "en")


def test_reinstalling_replaces_the_package_and_reloads_it(installed, argos_package):
    installed.translate_batch(["早上好"], "zh", "en")
    path = install_from_file(argos_package, models_dir=installed.models_dir)

    assert path == installed.models_dir / "zh_en"
    assert [p.name for p in installed.models_dir.iterdir()] == ["zh_en"]
    assert not [key for key in argos._loaded if key[0] == str(path)]
    assert len(installed.translate_batch(["早上好"], "zh", "en")) == 1


def rezip(source: Path, target: Path, *, drop=(), metadata=None) -> Path:
    """A copy of the package at `source` without the `drop` files, or with other metadata."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if info.filename.endswith(drop) and drop:
                continue
            data = original.read(info)
            if metadata is not None and info.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), **metadata}).encode()
            copy.writestr(info, data)
    return target


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"drop": ("sentencepiece.model",)}, "missing sentencepiece.model"),
        ({"drop": ("model.bin",)}, "missing model/model.bin"),
        ({"metadata": {"to_code": "../../etc"}}, "bad language codes"),
        ({"metadata": {"from_code": None}}, "bad language codes"),
    ],
)
def test_install_from_file_refuses_incomplete_or_unsafe_packages(
    argos_package, models_dir, tmp_path, change, message
):
    bad = rezip(argos_package, tmp_path / "bad.argosmodel", **change)

    with pytest.raises(ModelInstallError, match=message):
        install_from_file(bad, models_dir=models_dir)
    assert installed_packages(models_dir) == []


def test_install_from_file_refuses_a_file_that_is_not_a_zip(models_dir, tmp_path):
    not_zip = tmp_path / "model.argosmodel"
    not_zip.write_text("<html>404</html>")

    with pytest.raises(ModelInstallError, match="not a zip"):
        install_from_file(not_zip, models_dir=models_dir)


def test_models_dir_defaults_to_the_data_dir(settings, tmp_path):
    settings.CROSSNOTE_DATA_DIR = tmp_path

    assert ArgosBackend().models_dir == tmp_path / "translation-models"
    assert ArgosBackend.info.is_local


# --- downloads from the Argos package index ---------------------------------------------------


def index_entry(base_url, from_code="zh", to_code="en"):
    """An entry shaped like those in argospm-index's index.json."""
    return {
        "package_version": "1.0",
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": "Chinese",
        "to_code": to_code,
        "to_name": "English",
        "code": f"translate-{from_code}_{to_code}",
        "type": "translate",
        "links": [f"{base_url}/v1/translate-{from_code}_{to_code}-1_0.argosmodel"],
    }


@pytest.fixture
def package_index(serve, argos_package):
    """A local server with index.json (zh→en, and a ja→en entry whose file is zh→en)."""
    data = argos_package.read_bytes()

    def service(seen):
        if seen.method != "GET":
            return 405, {"error": "method"}
        if seen.path == "/index.json":
            entries = [index_entry(server.url, "en", "fr"), index_entry(server.url)]
            return 200, [*entries, index_entry(server.url, "ja", "en")]
        if seen.path.endswith(".argosmodel"):
            return 200, data, {"Content-Type": "application/octet-stream"}
        return 404, b"Not found"

    server = serve(service)
    return server


def test_install_package_downloads_with_progress_and_installs(
    package_index, argos_package, models_dir
):
    calls = []

    path = install_package(
        "zh",
        "en",
        index_url=package_index.url + "/index.json",
        models_dir=models_dir,
        progress=lambda done, total: calls.append((done, total)),
    )

    size = argos_package.stat().st_size
    assert calls and calls[-1] == (size, size)
    assert all(total == size for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert [seen.path for seen in package_index.requests] == [
        "/index.json",
        "/v1/translate-zh_en-1_0.argosmodel",
    ]
    assert path == models_dir / "zh_en"
    backend = ArgosBackend({"models_dir": str(models_dir)})
    assert len(backend.translate_batch(["早上好", "下周成都见！"], "zh", "en")) == 2
    assert [p.name for p in models_dir.iterdir()] == ["zh_en"]  # the download was cleaned up


def test_install_package_reads_the_index_url_from_settings(package_index, models_dir, settings):
    settings.CROSSNOTE_ARGOS_INDEX_URL = package_index.url + "/index.json"

    install_package("zh", "en", models_dir=models_dir)

    assert package_index.requests[0].path == "/index.json"


def test_install_package_without_that_pair_in_the_index(package_index, models_dir):
    with pytest.raises(ModelDownloadError, match="no ko→en package"):
        install_package(
            "ko", "en", index_url=package_index.url + "/index.json", models_dir=models_dir
        )


def test_install_package_refuses_a_file_for_another_pair(package_index, models_dir):
    with pytest.raises(ModelInstallError, match="Expected a ja→en package, got zh→en"):
        install_package(
            "ja", "en", index_url=package_index.url + "/index.json", models_dir=models_dir
        )
    assert list(models_dir.iterdir()) == []


@pytest.mark.parametrize(
    ("broken", "message"),
    [("/index.json", "index at .* answered HTTP 500"), (".argosmodel", "failed: HTTP 500")],
)
def test_server_errors_from_the_index_or_the_download_are_reported(
    package_index, models_dir, broken, message
):
    working = package_index.service
    package_index.reply = lambda seen: (
        (500, b"Internal Server Error") if seen.path.endswith(broken) else working(seen)
    )

    with pytest.raises(ModelDownloadError, match=message):
        install_package(
            "zh", "en", index_url=package_index.url + "/index.json", models_dir=models_dir
        )
    assert list(models_dir.glob("*")) == []


def test_an_unreachable_index_says_the_server_is_offline(closed_port, models_dir):
    url = f"http://127.0.0.1:{closed_port}/index.json"

    with pytest.raises(ModelDownloadError) as error:
        install_package("zh", "en", index_url=url, models_dir=models_dir)

    message = str(error.value)
    assert f"Cannot reach the Argos Translate package index at {url}" in message
    assert "offline" in message
    assert "crossnote translation install --file PATH" in message


def test_a_second_package_builds_and_installs_beside_the_first(installed, tmp_path):
    package = build_argos_package(tmp_path, "en", "zh")

    install_from_file(package, models_dir=installed.models_dir)

    assert installed.supports("en", "zh") and installed.supports("zh", "en")
    assert [(p["from_code"], p["to_code"]) for p in installed_packages(installed.models_dir)] == [
        ("en", "zh"),
        ("zh", "en"),
    ]
    assert len(installed.translate_batch(["See you in Chengdu!"], "en", "zh")) == 1
