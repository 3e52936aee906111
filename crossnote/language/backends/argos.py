"""Argos Translate models run on this server with CTranslate2 and SentencePiece (no torch).

An Argos package (.argosmodel) is a zip holding one folder with `model/` (a CTranslate2 model),
`sentencepiece.model` and `metadata.json`. Installed packages live in
<models_dir>/<from>_<to>/; `crossnote translation install zh en` fetches one from the Argos
package index, and `install_from_file` installs a copied file on an offline server. Every package
is checked before it replaces anything: the index's checksum when it gives one, the files an Argos
package holds, and that its model loads and translates a word.

`crossnote translation install` (no languages) installs every enabled pair the index has;
`make run` calls it with --if-missing, which never fails and needs no network when nothing is
missing (the last index fetched is kept as <models_dir>/.index.json).
"""

import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
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
# Fetching the index is the online check: an offline server must answer within seconds, name
# resolution included (the fetch runs in a thread given INDEX_DEADLINE in all).
CONNECT_TIMEOUT = 5.0
INDEX_DEADLINE = 15.0
INDEX_CACHE = ".index.json"  # the last index fetched (lets --if-missing skip the network)
OFFLINE_HINT = "copy a .argosmodel file here and run `crossnote translation install --file PATH`."
NO_INTERNET = (
    "No internet connection: the offline word-by-word view stays in use; install later with "
    "`crossnote translation install`, or `--file model.argosmodel` from a machine that has it."
)
# For the admin and `crossnote doctor` (translated there).
NO_ENGINE_MESSAGE = gettext_lazy(
    "No machine translation engine is installed: readers get the word-by-word view "
    "(dictionary glosses), never a translated sentence."
)
INSTALL_HINT = gettext_lazy(
    "Run `crossnote translation install` on the server: it downloads the Argos Translate models "
    "of the enabled languages (about 100 MB each). Offline, copy a .argosmodel file and run "
    "`crossnote translation install --file model.argosmodel`; or add another engine "
    "(libretranslate, openai) to CROSSNOTE_TRANSLATION_BACKENDS."
)

_loaded: dict[tuple[str, int], tuple] = {}  # (folder, metadata mtime) -> (translator, sp, meta)
_load_lock = threading.Lock()


class ModelInstallError(Exception):
    """A translation package could not be installed (bad file, wrong pair, ...)."""


class ModelDownloadError(ModelInstallError):
    """The package index or a package could not be downloaded."""


class OfflineError(ModelDownloadError):
    """The package index cannot be reached at all: this server looks offline."""

    def __init__(self, url: str, reason: object):
        super().__init__(_offline_message(url, reason))
        self.url, self.reason = url, reason


class ArgosBackend(TranslationBackend):
    """Translate with an installed Argos package.

    Options: models_dir, beam_size (2), max_decoding_length (256), device ("cpu").
    """

    info = BackendInfo(
        name="argos",
        label=gettext_lazy("Argos Translate (on this server)"),  # type: ignore[arg-type]  # lazy
        is_local=True,
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
            _check_loads(staging / top)
            target = package_dir(root, metadata["from_code"], metadata["to_code"])
            _replace_folder(staging / top, target)
            _forget(target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _check_loads(folder: Path) -> None:
    """Refuse a package whose model or tokenizer does not load, or cannot translate a word."""
    try:
        translator, sp, metadata = _load(folder, "cpu")
        prefix = metadata.get("target_prefix") or ""
        translator.translate_batch(
            [sp.encode("ok", out_type=str)],
            max_decoding_length=4,
            target_prefix=[[prefix]] if prefix else None,
        )
    except BackendUnavailable as exc:
        raise ModelInstallError(f"The Argos Translate package does not load: {exc}") from exc
    except (RuntimeError, ValueError, TypeError) as exc:
        raise ModelInstallError(f"The Argos Translate model does not translate: {exc}") from exc


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
    index: list | None = None,
) -> Path:
    """Download the from→to package named in the Argos index and install it; returns its folder.

    `index` is an index already fetched (several pairs in a row fetch it once). The download is
    checked against the entry's checksum when the index gives one (`sha256`, or `checksum` as
    "sha256:HEX"); a mismatch installs nothing. Links are tried in order (http and https only).
    """
    index_url = index_url or index_url_setting()
    root = Path(models_dir or default_models_dir())
    if index is None:
        index = fetch_index(index_url)
    entry = find_entry(index, from_code, to_code)
    if entry is None:
        raise ModelDownloadError(
            f"The Argos Translate package index at {index_url} has no {from_code}→{to_code} package"
        )
    expected = _expected_digest(entry)
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root)
    failures = []
    for url in _links(entry):
        with tempfile.NamedTemporaryFile(
            dir=root, prefix=".download-", suffix=".argosmodel"
        ) as file:
            try:
                digest = _download(url, file, progress, expected[0] if expected else "sha256")
            except ModelDownloadError as exc:
                failures.append(str(exc))
                continue
            file.flush()
            if expected and digest != expected[1]:
                raise ModelInstallError(
                    f"Checksum mismatch for {url}: the index gives {expected[0]} {expected[1]}, "
                    f"the download has {digest}. Nothing was installed."
                )
            return _install(Path(file.name), root, pair=(from_code, to_code))
    raise ModelDownloadError("; ".join(failures))


def _check_space(folder: Path, size: int | None) -> None:
    """Refuse a download the disk cannot hold with its unpacked copy (about 2.5 times its size)."""
    if not size:
        return
    free = shutil.disk_usage(folder).free
    if free < size * 5 // 2:
        raise ModelInstallError(
            f"Not enough disk space in {folder}: the package needs about "
            f"{size * 5 // 2 / 1e6:.0f} MB while unpacking, {free / 1e6:.0f} MB are free"
        )


def _sweep(root: Path, older_than: float = 3600) -> None:
    """Remove what an install killed mid-way left behind (.download-*, .install-*, .old-*)."""
    now = time.time()
    for leftover in [*root.glob(".download-*"), *root.glob(".install-*"), *root.glob(".old-*")]:
        try:
            if now - leftover.stat().st_mtime < older_than:
                continue  # perhaps another install running now
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink()
        except OSError:
            continue


def index_url_setting() -> str:
    return getattr(settings, "CROSSNOTE_ARGOS_INDEX_URL", "") or DEFAULT_INDEX_URL


def _expected_digest(entry: dict) -> tuple[str, str] | None:
    """(algorithm, lower-case hex digest) the index gives for a package, or None."""
    value = entry.get("sha256")
    algorithm = "sha256"
    if value is None and entry.get("checksum") is not None:
        value = entry["checksum"]
        if isinstance(value, str) and ":" in value:
            algorithm, _, value = value.partition(":")
            algorithm = algorithm.strip().lower().replace("-", "")
    if value is None:
        return None
    if algorithm not in hashlib.algorithms_guaranteed or algorithm.startswith("shake"):
        raise ModelDownloadError(f"The package index gives an unknown checksum kind: {algorithm}")
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-fA-F]{16,128}", value.strip()):
        raise ModelDownloadError(f"The package index gives an unreadable checksum: {value!r}")
    return algorithm, value.strip().lower()


def _links(entry: dict) -> list[str]:
    return [
        link
        for link in entry.get("links") or []
        if isinstance(link, str) and link.lower().startswith(("https://", "http://"))
    ]


def _offline_message(url: str, reason: object) -> str:
    return (
        f"Cannot reach the Argos Translate package index at {url}: {reason}. "
        f"This server seems to be offline; {OFFLINE_HINT}"
    )


def fetch_index(url: str | None = None, *, keep_in: Path | str | None = None) -> list:
    """The package index (a JSON list of entries); a copy is kept in <keep_in>/.index.json
    when `keep_in` (a models folder) is given.

    Raises OfflineError within INDEX_DEADLINE seconds when the index cannot be reached.
    """
    url = url or index_url_setting()
    outcome: list = []

    def fetch() -> None:
        try:
            outcome.append(_fetch_index(url))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            outcome.append(exc)

    worker = threading.Thread(target=fetch, name="argos-index", daemon=True)
    worker.start()
    worker.join(INDEX_DEADLINE)  # a hung name lookup is not bounded by httpx's timeouts
    if not outcome:
        raise OfflineError(url, f"no answer in {INDEX_DEADLINE:g} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    index = outcome[0]
    if keep_in is None:
        return index
    try:
        root = Path(keep_in)
        root.mkdir(parents=True, exist_ok=True)
        cache = root / INDEX_CACHE
        partial = cache.with_name(f"{INDEX_CACHE}.{os.getpid()}")
        partial.write_text(json.dumps(index), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass  # the cache only saves a network call next time
    return index


def cached_index(models_dir: Path | str | None = None) -> list | None:
    """The index fetched last time, or None."""
    try:
        index = json.loads(
            (Path(models_dir or default_models_dir()) / INDEX_CACHE).read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return None
    return index if isinstance(index, list) else None


def _fetch_index(url: str) -> list:
    """The package index: a JSON list of package entries."""
    try:
        response = httpx.get(
            url,
            timeout=httpx.Timeout(DOWNLOAD_TIMEOUT, connect=CONNECT_TIMEOUT),
            follow_redirects=True,
        )
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        raise OfflineError(url, exc) from exc
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


def find_entry(index: list, from_code: str, to_code: str) -> dict | None:
    """The index's from→to entry with a http(s) link, or None."""
    for entry in index:
        if not isinstance(entry, dict):
            continue
        if (entry.get("from_code"), entry.get("to_code")) == (from_code, to_code) and _links(entry):
            return entry
    return None


def enabled_pairs(languages) -> list[tuple[str, str]]:
    """Every ordered pair of `languages`, the first languages' pairs first (zh↔en before en↔fr)."""
    order = list(dict.fromkeys(languages))
    pairs = [(s, t) for s in order for t in order if s != t]
    return sorted(
        pairs, key=lambda p: (max(order.index(p[0]), order.index(p[1])), order.index(p[0]))
    )


def is_installed(source: str, target: str, models_dir: Path | str | None = None) -> bool:
    return (
        package_dir(Path(models_dir or default_models_dir()), source, target) / "model"
    ).is_dir()


def _download(
    url: str, file, progress: Callable[[int, int | None], None] | None, algorithm: str = "sha256"
) -> str:
    """Stream `url` into `file`, reporting (bytes so far, total bytes or None) to `progress`;
    returns the hex digest of what was written."""
    digest = hashlib.new(algorithm)
    try:
        with httpx.stream(
            "GET",
            url,
            timeout=httpx.Timeout(DOWNLOAD_TIMEOUT, connect=CONNECT_TIMEOUT),
            follow_redirects=True,
        ) as response:
            if response.status_code != 200:
                raise ModelDownloadError(f"Downloading {url} failed: HTTP {response.status_code}")
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            _check_space(Path(file.name).parent, total)
            for chunk in response.iter_bytes(chunk_size=1 << 16):
                file.write(chunk)
                digest.update(chunk)
                if progress:  # bytes as sent, so the count ends at Content-Length
                    progress(response.num_bytes_downloaded, total)
    except (httpx.TransportError, httpx.InvalidURL) as exc:
        raise ModelDownloadError(
            f"Cannot download {url}: {exc}. If offline, {OFFLINE_HINT}"
        ) from exc
    return digest.hexdigest()
