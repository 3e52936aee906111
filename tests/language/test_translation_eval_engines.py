"""Which engine serves each pair: the same table from `crossnote translation list`, the admin
(Language settings) and GET /api/v1/languages, so an operator sees what readers will get."""

import pytest
from django.core.management import call_command

from crossnote.language import backends
from crossnote.language.backends.argos import install_from_file
from crossnote.language.models import LanguageSettings
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def offline(settings, tmp_path):
    """A fresh install: Argos first with no model, the dictionary after it."""
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["argos", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "argos": {"models_dir": str(tmp_path / "models")},
    }
    LanguageSettings.objects.create(enabled_languages=["zh", "en", "ja"])
    return tmp_path / "models"


def by_pair(rows):
    return {f"{r['source']}-{r['target']}": r for r in rows}


def test_without_a_model_the_dictionary_serves_zh_en_and_other_pairs_have_none(offline):
    rows = by_pair(backends.serving_pairs(["zh", "en", "ja"]))
    assert rows["zh-en"]["engine"] == "dictionary" and rows["zh-en"]["is_gloss"]
    assert rows["en-zh"]["engine"] == "dictionary" and rows["en-zh"]["fallbacks"] == []
    assert rows["ja-en"]["engine"] is None and len(rows) == 6


def test_an_installed_model_serves_its_pair_with_the_gloss_as_fallback(offline, argos_package):
    install_from_file(argos_package, models_dir=offline)
    rows = by_pair(backends.serving_pairs(["zh", "en"]))
    assert rows["zh-en"]["engine"] == "argos" and not rows["zh-en"]["is_gloss"]
    assert rows["zh-en"]["fallbacks"] == ["dictionary"] and rows["zh-en"]["is_local"]
    assert rows["en-zh"]["engine"] == "dictionary"


def test_cli_list_shows_the_engine_serving_each_pair(offline, capsys):
    call_command("translation", "list")
    out = capsys.readouterr().out
    assert "zh→en   dictionary (word-by-word gloss)" in out
    assert "ja→en   (none: not translated)" in out


def test_the_admin_shows_the_same_table(offline, client):
    make_user("root_admin", is_staff=True, is_superuser=True)
    client.login(username="root_admin", password="correct horse battery")
    row = LanguageSettings.objects.get()
    page = client.get(f"/admin/language/languagesettings/{row.pk}/change/").content.decode()
    assert "Engine serving each pair" in page
    assert "<td>zh→en</td><td>dictionary (word-by-word gloss, on this server)</td>" in page
    assert "<td>ja→en</td><td>none: not translated</td>" in page
    listing = client.get("/admin/language/languagesettings/").content.decode()
    assert "zh→en: dictionary" in listing


def test_the_api_lists_pairs(offline, client):
    body = client.get("/api/v1/languages").json()
    rows = {f"{p['source']}-{p['target']}": p for p in body["pairs"]}
    assert rows["zh-en"]["engine"] == "dictionary" and rows["ja-zh"]["engine"] is None


def test_cli_translate_says_a_gloss_is_not_a_translation(offline, capsys):
    call_command("translation", "translate", "滚回去吧", "--to", "en")
    captured = capsys.readouterr()
    assert captured.out.startswith("滚 (get lost) 回去 (go back)")
    assert "word-by-word glosses, not a translation" in captured.err
