"""Trained classifier versions are shared through the storage backend (STORAGES["classifiers"]):
a version trained on one machine is found, activated and loaded on another whose data folder
never had it; without a shared storage the other machine cannot use it."""

import pytest
from django.core.files.storage import storages

from crossnote.core.errors import InvalidInput
from crossnote.moderation import model_store, pipeline
from crossnote.moderation.models import ClassifierVersion
from crossnote.moderation.services import training
from tests.conftest import make_user
from tests.moderation.test_learning import APPROVED, REMOVED, SMALL, TINY_STARTER, decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def machines(settings, tmp_path):
    """Two data folders (two machines) and one shared storage; the pipeline rebuilt after."""
    shared = tmp_path / "bucket"
    settings.STORAGES = {
        **settings.STORAGES,
        "classifiers": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(shared)},
        },
    }
    settings.CROSSNOTE_DATA_DIR = tmp_path / "machine-a"
    pipeline.lists_changed()
    moderator = make_user("mod_store", display_name="Store")
    for text in REMOVED:
        decide(moderator, text, "remove", language="zh" if "你" in text else "en")
    for text in APPROVED:
        decide(moderator, text, "approve", category="profanity", suggested="allow")
    yield {"a": tmp_path / "machine-a", "b": tmp_path / "machine-b", "shared": shared}
    pipeline.lists_changed()


def test_a_version_trained_on_one_machine_is_used_on_another(settings, machines):
    row = training.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL, seed=1)
    stored = machines["shared"] / row.path
    assert stored.is_file()
    assert stored.read_bytes() == (machines["a"] / row.path).read_bytes()
    assert storages["classifiers"].exists(row.path)

    settings.CROSSNOTE_DATA_DIR = machines["b"]  # another machine: its data folder is empty
    assert not (machines["b"] / row.path).exists()
    training.activate_version(row.version)
    path = model_store.active_model_path()
    assert path == machines["b"] / row.path
    assert path.read_bytes() == stored.read_bytes()
    assert ClassifierVersion.objects.get(active=True).version == row.version
    assert model_store.model_of(row).version == row.version


def test_without_a_shared_storage_another_machine_cannot_use_it(settings, machines):
    row = training.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL, seed=1)
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "classifiers"}
    settings.CROSSNOTE_DATA_DIR = machines["b"]
    with pytest.raises(InvalidInput):
        training.activate_version(row.version)
    assert model_store.local_model_file(row.path) is None


def test_a_retrained_version_of_the_same_name_replaces_the_stored_file(machines):
    first = training.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL, seed=1)
    again = training.train_version(starter_rows=TINY_STARTER, ngram_settings=SMALL, seed=1)
    assert again.path == first.path  # same data, same seed: the same version name
    assert sorted(p.name for p in (machines["shared"] / "classifiers").iterdir()) == [
        f"{first.version}.npz"
    ]
