"""The Simplified Chinese interface: a complete, compiled catalogue, and pages that speak it."""

import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import Client

PACKAGE = Path(__file__).resolve().parent.parent / "crossnote"
PO_PATH = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# printf placeholders (%(name)s, %d, %%), str.format slots ({name}) and HTML tags: a translation
# must keep every one of them, or a page breaks or shows a raw "%(n)s".
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{\w*\}")
MARKUP = re.compile(r"<[^>]+>")


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def describe(entry) -> str:
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context}"


def translations(entry) -> list[str]:
    """Every msgstr of an entry: the one msgstr, or each plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_translated(entry) -> bool:
    return "fuzzy" not in entry.flags and all(s.strip() for s in translations(entry))


def test_zh_hans_catalogue_has_one_plural_form_and_no_fuzzy_entries():
    po = catalogue()
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert not po.metadata_is_fuzzy, "the catalogue header is marked fuzzy"
    fuzzy = [describe(e) for e in po.fuzzy_entries()]
    assert not fuzzy, "fuzzy entries (check and translate, then drop the flag): " + ", ".join(fuzzy)
    wrong_forms = [describe(e) for e in po if e.msgid_plural and len(e.msgstr_plural) != 1]
    assert not wrong_forms, "plural entries need exactly msgstr[0]: " + ", ".join(wrong_forms)


def test_every_zh_hans_msgid_is_translated():
    untranslated = [describe(e) for e in catalogue() if not e.obsolete and not is_translated(e)]
    assert not untranslated, "untranslated msgids: " + ", ".join(untranslated)


def test_translations_keep_placeholders_and_markup():
    broken = []
    for entry in catalogue():
        for pattern in (PLACEHOLDER, MARKUP):
            # A plural's msgstr[0] stands for both English forms; they share placeholders.
            source = Counter(pattern.findall(entry.msgid_plural or entry.msgid))
            for text in translations(entry):
                if text and Counter(pattern.findall(text)) != source:
                    broken.append(f"{describe(entry)} → {text!r}")
    assert not broken, "placeholders or tags differ:\n" + "\n".join(broken)


def test_committed_mo_is_compiled_from_the_current_po(tmp_path):
    po = catalogue()
    for entry in po.fuzzy_entries():  # msgfmt and scripts/compile_messages.py leave them out
        po.remove(entry)
    fresh = tmp_path / "django.mo"
    po.save_as_mofile(str(fresh))

    def table(mo):
        entries = {key(e): (e.msgstr, sorted(e.msgstr_plural.items())) for e in mo}
        return entries, sorted(mo.metadata.items())

    assert MO_PATH.exists(), "no django.mo: run python scripts/compile_messages.py"
    assert table(polib.mofile(str(MO_PATH))) == table(polib.mofile(str(fresh))), (
        f"{MO_PATH.relative_to(PACKAGE.parent)} is out of date: run python scripts/compile_messages.py"
    )


def test_no_ui_string_lacks_a_zh_hans_translation(tmp_path, settings, monkeypatch):
    """Extract every marked string afresh (as makemessages does) and look each one up."""
    if not shutil.which("xgettext"):
        pytest.fail(
            "xgettext (GNU gettext) is not installed; `make test` installs it "
            "(scripts/install-system-deps.sh)."
        )
    copy = tmp_path / "crossnote"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale", "static"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["zh_Hans"], verbosity=0)

    extracted = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    committed = {key(e): e for e in catalogue() if not e.obsolete}
    missing = [
        describe(e)
        for e in extracted
        if key(e) not in committed or not is_translated(committed[key(e)])
    ]
    assert len(extracted) > 100, "makemessages extracted suspiciously few strings"
    assert not missing, (
        "UI strings without a zh-Hans translation (in crossnote/: manage.py makemessages -l zh_Hans "
        "--no-obsolete --add-location file, translate, python scripts/compile_messages.py):\n"
        + "\n".join(missing)
    )


# --- pages in Chinese ------------------------------------------------------------------------


@pytest.mark.django_db
def test_accept_language_zh_hans_gives_a_chinese_explore_page():
    page = Client(HTTP_ACCEPT_LANGUAGE="zh-Hans").get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert ">探索</a>" in page
    assert ">注册</a>" in page
    assert "Explore" not in page


@pytest.mark.django_db
def test_english_stays_the_default():
    page = Client().get("/").content.decode()
    assert '<html lang="en">' in page
    assert ">Explore</a>" in page


@pytest.mark.django_db
def test_the_language_switch_turns_the_signup_page_chinese():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/signup/"})
    assert response.status_code == 302
    page = client.get("/signup/").content.decode()
    assert '<html lang="zh-hans">' in page
    for label in ("加入 Crossnote", "用户名", "邮箱", "密码", "昵称", "你会说的语言", "创建账号"):
        assert label in page, label
    assert "Username" not in page


@pytest.mark.django_db
def test_signup_errors_and_api_errors_come_in_chinese(lin):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-Hans")
    response = client.post(
        "/signup/",
        {
            "username": "lin_sh",
            "email": "x@example.com",
            "password": "a long password",
            "accept_guidelines": "on",
        },
    )
    assert "该用户名已被占用。" in response.content.decode()
    api = client.get("/api/v1/me")
    assert api.status_code == 401
    assert api.json()["detail"] == "请登录或提供有效的 API 令牌。"


def test_follow_button_and_collect_button_translations_differ_by_context():
    """ "Following" (tab) and "Save" (edit form) mean other things on the two buttons."""
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Following") == "关注"
        assert (
            translation.pgettext("follow button: you already follow this person", "Following")
            == "已关注"
        )
        assert translation.gettext("Save") == "保存"
        assert translation.pgettext("collect a note into a board", "Save") == "收藏"
