"""Where classifier versions' model files are kept, and which one the pipeline loads.

A trained version is written to the data folder and, where STORAGES["classifiers"] is configured
(MEDIA_STORAGE=s3 configures a private folder of the bucket), to that storage too: every machine
of a scaled-out install then finds a version another machine trained, copying it into its own
data folder on first use. Without it the data folder is the store (one machine, or a shared one).

Below the pipeline (which loads the active version) and the training services (which store new
ones), so neither reaches up into the other."""

import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages

from crossnote.moderation.detectors import classifier
from crossnote.moderation.models import ClassifierVersion

log = logging.getLogger(__name__)

SHIPPED = "shipped"
STORAGE = "classifiers"  # the STORAGES alias shared by every machine, when configured


def absolute_path(path: str) -> Path:
    """Versions are stored relative to the data folder, so a restored backup still finds them."""
    return Path(path) if Path(path).is_absolute() else Path(settings.CROSSNOTE_DATA_DIR) / path


def shared_storage() -> Storage | None:
    """The storage every machine shares classifier files through; None: the data folder only."""
    return storages[STORAGE] if STORAGE in settings.STORAGES else None


def store_model(model: classifier.OffensiveModel, relative: str) -> None:
    """Write a trained model to the data folder, and to the shared storage where there is one
    (under the same relative name, replacing a file of that name)."""
    local = absolute_path(relative)
    classifier.save(model, local)
    storage = shared_storage()
    if storage is None or Path(relative).is_absolute():
        return
    if storage.exists(relative):
        storage.delete(relative)
    with local.open("rb") as handle:
        stored = storage.save(relative, File(handle))
    if stored != relative:  # a storage that renamed it would hide it from the other machines
        raise OSError(f"the classifier storage stored {relative} as {stored}")


def local_model_file(path: str) -> Path | None:
    """The version's file in this machine's data folder, fetched from the shared storage when
    another machine trained it; None when it is in neither."""
    local = absolute_path(path)
    if local.is_file():
        return local
    storage = shared_storage()
    if storage is None or Path(path).is_absolute() or not storage.exists(path):
        return None
    local.parent.mkdir(parents=True, exist_ok=True)
    # Written beside it, then renamed: a process loading the model never reads half a file.
    fd, partial = tempfile.mkstemp(dir=local.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out, storage.open(path, "rb") as source:
            for chunk in source.chunks():
                out.write(chunk)
        os.replace(partial, local)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return local


def active_model_path() -> Path:
    """Where the pipeline loads the classifier from: the active version, else the shipped one."""
    row = ClassifierVersion.objects.filter(active=True).only("path", "version").first()
    if row is None or not row.path:
        return classifier.MODEL_PATH
    path = local_model_file(row.path)
    if path is None:
        log.error("classifier %s: %s is missing; using the shipped model", row.version, row.path)
        return classifier.MODEL_PATH
    return path


def model_of(row: ClassifierVersion) -> classifier.OffensiveModel:
    """The model of a version (the shipped one for a row without a file)."""
    if not row.path:
        return classifier.get_model(classifier.MODEL_PATH)
    return classifier.get_model(local_model_file(row.path) or absolute_path(row.path))


def model_thresholds(row: ClassifierVersion) -> dict:
    """{group: {"label", "hold"}} of a version's model, read from its file; {} if unreadable."""
    try:
        return model_of(row).metrics.get("thresholds", {})
    except (OSError, ValueError):
        return {}


def profanity_thresholds_recorded() -> dict:
    """alt-profanity-check's thresholds as recorded beside the shipped model
    (trained/profanity_thresholds.json, written by `moderation_train_profanity`): the package
    version they were fitted for, whether the installed one is it (else the layer falls back to
    the policies' min_score), the thresholds, the objective and the validation figures; {} when
    none were recorded."""
    try:
        stored = json.loads(classifier.PROFANITY_THRESHOLDS_PATH.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or not isinstance(stored.get("thresholds"), dict):
        return {}
    return {
        "version": stored.get("version", ""),
        "installed": stored.get("version") == classifier.profanity_check_version(),
        "thresholds": stored["thresholds"],
        "objective": stored.get("objective", ""),
        "validation": stored.get("validation", {}),
    }
