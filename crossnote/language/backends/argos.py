"""Argos Translate models run on this server with CTranslate2 and SentencePiece (no torch).

An Argos package (.argosmodel) is a zip holding one folder with `model/` (a CTranslate2 model),
`sentencepiece.model` and `metadata.json`. Installed packages live in
<models_dir>/<from>_<to>/; `crossnote translation install zh en` fetches one from the Argos
package index, and `install_from_file` installs a copied file on an offline server.
"""

import json
import re
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
from django.conf import settings
from django.utils.translation import gettext_lazy

from crossnote.language.backends.base import BackendInfo, BackendUnavailable, TranslationBackend

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
PACKAGE_FILES = ("metadata.json", "sentencepiece.model", "model/model.bin")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")  # metadata names folders: nothing path-like
MAX_UNPACKED_BYTES = 4 * 1024**3  # a zip that unpacks larger than this is refused
DOWNLOAD_TIMEOUT = 60.0
OFFLINE_HINT = "copy a .argosmodel file here and run `crossnote translation install --file PATH`."

_loaded: dict[tuple[str, int], tuple] = {}  # (folder, metadata mtime) -> (translator, sp, meta)
_load_lock = threading.Lock()


class ModelInstallError(Exception):
    """A translation package could not be installed (bad file, wrong pair, ...)."""


class ModelDownloadError(ModelInstallError):
    """The package index or a package could not be downloaded."""


class ArgosBackend(TranslationBackend):
    """Translate with an installed Argos package.

    Options: models_dir, beam_size (2), max_decoding_length (256), device ("cpu").
    """

    info = BackendInfo(
        name="argos", label=gettext_lazy("Argos Translate (on this server)"), is_local=True
    )

    @property
    def models_dir(self) -> Path:
        """Where packages are installed (option `models_dir`, else <data dir>/translation-models)."""
        return Path(self.options.get("models_dir") or default_models_dir())

    def supports(self, source: str, target: str) -> bool:
        """True when a source→target package is installed (no pivot through English)."""
        return (package_dir(self.models_dir, source, target) / "model").is_dir()

    def translate_batch(self, segments: list[str], source: str, target: str) -> list[str]:
        """Tokenise, translate the batch with CTranslate2, detokenise; one string per segment."""
        if not self.supports(source, target):
            raise BackendUnavailable(f"No Argos package installed for {source}→{target}")
        translator, sp, metadata = load_package(
            package_dir(self.models_dir, source, target), device=self.options.get("device", "cpu")
        )
        todo = [i for i, segment in enumerate(segments) if segment.strip()]
        results = list(segments)  # blank segments (spacing between emoji...) pass through
        if not todo:
            return results
        tokens = [sp.encode(segments[i], out_type=str) for i in todo]
        prefix = metadata.get("target_prefix") or ""
        try:
            outputs = translator.translate_batch(
                tokens,
                beam_size=int(self.options.get("beam_size", 2)),
                max_decoding_length=int(self.options.get("max_decoding_length", 256)),
                target_prefix=[[prefix]] * len(tokens) if prefix else None,
            )
        except (RuntimeError, ValueError) as exc:
            raise BackendUnavailable(f"Argos model failed: {exc}") from exc
        for i, output in zip(todo, outputs, strict=True):
            hypothesis = output.hypotheses[0]
            if prefix and hypothesis[:1] == [prefix]:
                hypothesis = hypothesis[1:]
            results[i] = sp.decode(hypothesis)
        return results


def default_models_dir() -> Path:
    """<data dir>/translation-models, read from settings when called (never at import)."""
    return Path(settings.CROSSNOTE_DATA_DIR) / "translation-models"


def package_dir(models_dir: Path | str, source: str, target: str) -> Path:
    """The folder of an installed source→target package."""
    return Path(models_dir) / f"{source}_{target}"


def load_package(folder: Path, device: str = "cpu") -> tuple:
    """(Translator, SentencePieceProcessor, metadata) for a package folder, loaded once per process."""
    try:
        key = (str(folder), (folder / "metadata.json").stat().st_mtime_ns)
    except OSError as exc:
        raise BackendUnavailable(f"Argos package at {folder} has no metadata.json") from exc
    with _load_lock:  # one load per package even when several requests arrive at once
        if key not in _loaded:
            _loaded[key] = _load(folder, device)
        return _loaded[key]


def _load(folder: Path, device: str) -> tuple:
    import ctranslate2  # heavy: imported only when a model is used
    import sentencepiece

    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        translator = ctranslate2.Translator(str(folder / "model"), device=device, inter_threads=1)
        sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    except (OSError, RuntimeError, ValueError) as exc:
        raise BackendUnavailable(f"Cannot load the Argos package at {folder}: {exc}") from exc
    return translator, sp, metadata


def installed_packages(models_dir: Path | str | None = None) -> list[dict]:
    """The metadata of every installed package, with its `path`, sorted by folder name."""
    root = Path(models_dir or default_models_dir())
    packages = []
    for meta_file in sorted(root.glob("*_*/metadata.json")):
        try:
            metadata = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a damaged folder is not listed; translate_batch reports it
        packages.append({**metadata, "path": str(meta_file.parent)})
    return packages


def install_from_file(path: Path | str, *, models_dir: Path | str | None = None) -> Path:
    """Install a local .argosmodel file (offline installs); returns the installed folder."""
    return _install(Path(path), Path(models_dir or default_models_dir()))


def _install(path: Path, root: Path, pair: tuple[str, str] | None = None) -> Path:
    """Check the package (and that it is the `pair` asked for), then unpack it into place."""
    root.mkdir(parents=True, exist_ok=True)
    with _open_package(path) as archive:
        top, metadata = _check_package(archive)
        if pair and (metadata["from_code"], metadata["to_code"]) != pair:
            found = f"{metadata['from_code']}→{metadata['to_code']}"
            raise ModelInstallError(f"Expected a {pair[0]}→{pair[1]} package, got {found}")
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
        try:
            archive.extractall(staging)  # zipfile drops absolute paths and ".." parts
            target = package_dir(root, metadata["from_code"], metadata["to_code"])
            _replace_folder(staging / top, target)
            _forget(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _forget(folder: Path) -> None:
    """Drop loaded models of a replaced package so the next request loads the new one."""
    with _load_lock:
        for key in [key for key in _loaded if key[0] == str(folder)]:
            del _loaded[key]


def _open_package(path: Path) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(path):
        raise ModelInstallError(f"{path} is not an Argos Translate package (not a zip file)")
    return zipfile.ZipFile(path)


def _check_package(archive: zipfile.ZipFile) -> tuple[str, dict]:
    """(folder inside the zip, metadata) after checking the expected files and language codes."""
    names = set(archive.namelist())
    metas = sorted(n for n in names if n.endswith("metadata.json") and n.count("/") <= 1)
    if not metas:
        raise ModelInstallError("Not an Argos Translate package: no metadata.json")
    top = metas[0].rpartition("/")[0]
    prefix = f"{top}/" if top else ""
    missing = [f for f in PACKAGE_FILES if prefix + f not in names]
    if missing:
        raise ModelInstallError(f"Incomplete Argos Translate package: missing {', '.join(missing)}")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise ModelInstallError("Argos Translate package too large once unpacked")
    try:
        metadata = json.loads(archive.read(metas[0]))
    except ValueError as exc:
        raise ModelInstallError("Argos Translate package has an unreadable metadata.json") from exc
    codes = (metadata.get("from_code"), metadata.get("to_code"))
    if not all(isinstance(c, str) and LANGUAGE_CODE.match(c) for c in codes):
        raise ModelInstallError(f"Argos Translate package has bad language codes: {codes}")
    return top, metadata


def _replace_folder(new: Path, target: Path) -> None:
    """Move `new` into place with renames (same file system), removing any older version."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{new.parent.name}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def install_package(
    from_code: str,
    to_code: str,
    *,
    index_url: str | None = None,
    models_dir: Path | str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Path:
    """Download the from→to package named in the Argos index and install it; returns its folder."""
    index_url = index_url or getattr(settings, "CROSSNOTE_ARGOS_INDEX_URL", DEFAULT_INDEX_URL)
    entry = _find_entry(_fetch_index(index_url), from_code, to_code, index_url)
    root = Path(models_dir or default_models_dir())
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=root, prefix=".download-", suffix=".argosmodel") as file:
        _download(entry["links"][0], file, progress)
        file.flush()
        return _install(Path(file.name), root, pair=(from_code, to_code))


def _offline_message(url: str, reason: object) -> str:
    return (
        f"Cannot reach the Argos Translate package index at {url}: {reason}. "
        f"This server seems to be offline; {OFFLINE_HINT}"
    )


def _fetch_index(url: str) -> list:
    """The package index: a JSON list of package entries."""
    try:
        response = httpx.get(url, timeout=DOWNLOAD_TIMEOUT, follow_redirects=True)
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        raise ModelDownloadError(_offline_message(url, exc)) from exc
    if response.status_code != 200:
        raise ModelDownloadError(
            f"The Argos Translate package index at {url} answered HTTP {response.status_code}"
        )
    try:
        index = response.json()
    except ValueError as exc:
        raise ModelDownloadError(f"The Argos Translate package index at {url} is not JSON") from exc
    if not isinstance(index, list):
        raise ModelDownloadError(f"The Argos Translate package index at {url} is not a list")
    return index


def _find_entry(index: list, from_code: str, to_code: str, url: str) -> dict:
    for entry in index:
        if not isinstance(entry, dict):
            continue
        links = entry.get("links")
        if (entry.get("from_code"), entry.get("to_code")) == (from_code, to_code) and (
            isinstance(links, list) and links and isinstance(links[0], str)
        ):
            return entry
    raise ModelDownloadError(
        f"The Argos Translate package index at {url} has no {from_code}→{to_code} package"
    )


def _download(url: str, file, progress: Callable[[int, int | None], None] | None) -> None:
    """Stream `url` into `file`, reporting (bytes so far, total bytes or None) to `progress`."""
    try:
        with httpx.stream("GET", url, timeout=DOWNLOAD_TIMEOUT, follow_redirects=True) as response:
            if response.status_code != 200:
                raise ModelDownloadError(f"Downloading {url} failed: HTTP {response.status_code}")
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            for chunk in response.iter_bytes(chunk_size=1 << 16):
                file.write(chunk)
                if progress:  # bytes as sent, so the count ends at Content-Length
                    progress(response.num_bytes_downloaded, total)
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        raise ModelDownloadError(
            f"Cannot download {url}: {exc}. If offline, {OFFLINE_HINT}"
        ) from exc
