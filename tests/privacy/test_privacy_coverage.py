"""The data-rights registry covers every table that can hold a person's data: a model with a
relation to accounts.User, directly or through such a model, must be named in some app's
`covers` (crossnote/core/data_rights.py), so a new table cannot be left out of the export and
the erasure unnoticed. The failure says what to add, where."""

import pytest
from django.apps import apps
from django.conf import settings

from crossnote.core import data_rights
from tests.privacy.scanner import how_to_cover


def _person_tables() -> dict[str, str]:
    """{model label: how it reaches accounts.User}: every Crossnote model with a foreign key or
    one-to-one field to the user model, or to a model that has one (many-to-many through tables
    go with their rows and are left out)."""
    user = apps.get_model(settings.AUTH_USER_MODEL)
    reach = {user._meta.label: user._meta.label}
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("crossnote.") and m._meta.label != user._meta.label
    ]
    grew = True
    while grew:
        grew = False
        for model in models:
            if model._meta.label in reach:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target is not None and target._meta.label in reach:
                    path = f"{model._meta.label}.{field.name} → {reach[target._meta.label]}"
                    reach[model._meta.label] = path
                    grew = True
                    break
    return reach


def test_every_table_holding_a_persons_data_is_covered_by_a_data_rights_part():
    covered = data_rights.covered()
    missing = {
        label: path for label, path in sorted(_person_tables().items()) if label not in covered
    }
    assert not missing, "\n\n".join(how_to_cover(label, path) for label, path in missing.items())


def test_every_covered_label_names_an_installed_model():
    for label, app_label in data_rights.covered().items():
        app, _dot, model = label.partition(".")
        assert apps.get_model(app, model), f"{app_label}'s covers names {label}: no such model"


def test_each_table_is_covered_by_one_part_only():
    owners: dict[str, list[str]] = {}
    for part in data_rights.parts():
        for label in part.covers:
            owners.setdefault(label, []).append(part.app_label)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_parts_run_in_a_stable_order_languages_before_notes():
    labels = [part.app_label for part in data_rights.parts()]
    assert labels == sorted(labels, key=lambda a: (data_rights._parts[a].order, a))
    # Cached translations are found through the texts of notes, so they go first.
    assert labels.index("language") < labels.index("notes")
    assert {"accounts", "notes", "social", "language", "moderation", "messaging"} <= set(labels)
    assert {"insights", "privacy", "security", "feeds", "search"} <= set(labels)


def test_sections_merge_key_by_key_and_a_clash_is_an_error():
    data = {"security": {"logins": []}}
    data_rights.merge(data, {"security": {"api_tokens": [1]}, "notes": []})
    assert data == {"security": {"logins": [], "api_tokens": [1]}, "notes": []}
    with pytest.raises(ValueError, match="security.logins"):
        data_rights.merge(data, {"security": {"logins": [2]}})


def test_the_failure_message_says_what_to_add_and_where():
    message = how_to_cover("vision.PhotoText", "vision.PhotoText.note → notes.Note")
    assert "crossnote/vision/data_rights.py" in message
    assert '"vision.PhotoText"' in message and "covers=" in message
    assert "export(user, media)" in message and "erase(user)" in message
    assert "export.schema.json" in message
