"""The admin in Simplified Chinese names every model in Chinese: the index listed Appeals,
Reports, Remote actors, Daily metrics... under translated app headings. Each model registered
with the admin has a translated verbose_name_plural, and the index page shows it."""

import pytest
from django.contrib import admin
from django.utils import translation
from django.utils.text import capfirst

pytestmark = pytest.mark.django_db


def _registered_names() -> dict[str, str]:
    with translation.override("zh-hans"):
        return {
            model._meta.label: str(model._meta.verbose_name_plural)
            for model in admin.site._registry
        }


def test_no_registered_model_is_named_in_english_in_chinese():
    english = {label: name for label, name in _registered_names().items() if name.isascii()}
    assert not english, f"models named in English in zh-hans: {english}"


def test_the_chinese_admin_index_lists_every_model_by_its_chinese_name(admin_client):
    admin_client.cookies["django_language"] = "zh-hans"
    page = admin_client.get("/admin/").content.decode()
    missing = {
        label: name
        for label, name in _registered_names().items()
        if f">{capfirst(name)}</a>" not in page and f">{capfirst(name)}</th>" not in page
    }
    assert not missing, f"models not listed under their Chinese name: {missing}"
    for english in ("Appeals", "Remote actors", "Daily metrics", "Slang terms", "Api tokens"):
        assert f">{english}<" not in page
