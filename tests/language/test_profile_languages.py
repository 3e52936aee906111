"""Bios, display names and board names get a detected language on write, in the backfill and in
the demo; a profile offers Translate only when the bio is in a language the reader doesn't read."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from crossnote.accounts.models import User
from crossnote.accounts.services import sign_up, update_profile
from crossnote.notes.models import DEFAULT_BOARD, Board
from crossnote.notes.services import collect_note, create_board

pytestmark = pytest.mark.django_db


def test_sign_up_detects_the_display_name_language():
    user = sign_up(
        username="xia_cd",
        email="xia@example.com",
        password="a long password 123",
        display_name="成都的小夏",
        accept_guidelines=True,
    )
    user.refresh_from_db()
    assert user.display_name_language == "zh"
    assert user.display_name_language_confidence > 0.5
    assert user.bio_language == ""  # no bio, nothing to detect


def test_profile_edit_detects_bio_and_display_name_with_confidence(mia):
    update_profile(user=mia, bio="Cat person, coffee snob, weekend hiker.", display_name="小米")
    mia.refresh_from_db()
    assert (mia.bio_language, mia.display_name_language) == ("en", "zh")
    assert mia.bio_language_confidence > 0.5
    update_profile(user=mia, bio="")
    mia.refresh_from_db()
    assert (mia.bio_language, mia.bio_language_confidence) == ("", 0.0)
    assert mia.display_name_language == "zh"  # untouched


def test_a_new_board_gets_its_name_language(mia):
    assert create_board(owner=mia, name="Weekend hikes in the hills").name_language == "en"
    board = create_board(owner=mia, name="周末去哪儿玩")
    assert (board.name_language, board.name_language_confidence) == ("zh", 1.0)


def test_the_default_board_is_stored_in_english_and_shown_in_the_readers_language(
    mia, lin, make_note
):
    note = make_note(lin, title="成都火锅")
    with translation.override("zh-hans"):  # a Chinese page must not name it in Chinese for all
        board = collect_note(user=mia, note=note).board
    assert board.name == DEFAULT_BOARD == "Saved"
    with translation.override("zh-hans"):
        assert board.title == "默认收藏"
    with translation.override("en"):
        assert board.title == "Saved"
    # A board made before, under the Chinese name, is still the default and shown the same way.
    old = Board.objects.create(owner=lin, name="默认收藏")
    with translation.override("en"):
        assert old.title == "Saved"
    assert collect_note(user=lin, note=note).board == old


def test_backfill_detects_bios_display_names_and_board_names(mia, lin):
    update_profile(user=lin, bio="住在上海，喜欢拍照和做饭")
    board = create_board(owner=mia, name="Street food in Chengdu")
    User.objects.filter(pk=lin.pk).update(bio_language="", display_name_language="")
    Board.objects.filter(pk=board.pk).update(name_language="")
    call_command("language_backfill")
    lin.refresh_from_db()
    board.refresh_from_db()
    assert (lin.bio_language, lin.display_name_language) == ("zh", "zh")
    assert lin.bio_language_confidence == 1.0
    assert board.name_language == "en"


def test_demo_bios_have_a_language_and_profiles_offer_translate_across_languages():
    from crossnote.demo.services import load_demo

    load_demo(users=4, notes=4, seed=5)
    people = list(User.objects.exclude(bio=""))
    assert people and all(p.bio_language in ("zh", "en") for p in people)
    chinese = next(p for p in people if p.bio_language == "zh")
    english = next(p for p in people if p.bio_language == "en")
    reader = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert 'data-testid="translate-bio"' in reader.get(f"/u/{chinese.username}/").content.decode()
    assert (
        'data-testid="translate-bio"' not in reader.get(f"/u/{english.username}/").content.decode()
    )
    zh_reader = Client(HTTP_ACCEPT_LANGUAGE="zh-Hans")
    assert (
        'data-testid="translate-bio"' in zh_reader.get(f"/u/{english.username}/").content.decode()
    )


def test_the_api_reports_bio_display_name_and_board_name_languages(mia, client):
    update_profile(user=mia, bio="Cat person, coffee snob, weekend hiker.")
    create_board(owner=mia, name="我的猫")
    person = client.get(f"/api/v1/users/{mia.username}").json()
    assert person["bio_language"] == "en"
    assert "display_name_language" in person
    boards = client.get(f"/api/v1/users/{mia.username}/boards").json()
    assert [b["name_language"] for b in boards] == ["zh"]
