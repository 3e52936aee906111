"""Search never shows a note to a reader the notes policy would hide it from."""

import pytest
from django.contrib.auth.models import AnonymousUser

from crossnote.moderation.services import withhold_note
from crossnote.notes.models import ModerationState, Visibility
from crossnote.search.selectors import search_notes, search_topics, search_users, suggest
from crossnote.social.services import follow_user
from tests.conftest import make_user
from tests.search.conftest import titles

pytestmark = pytest.mark.django_db


def test_private_note_is_found_only_by_its_author(mia, reader, post):
    post(mia, "Secret hotpot diary", visibility=Visibility.PRIVATE)
    assert search_notes(reader, "hotpot").items == []
    assert search_notes(AnonymousUser(), "火锅").items == []
    assert titles(search_notes(mia, "hotpot")) == ["Secret hotpot diary"]


def test_followers_only_note_is_found_only_by_followers(mia, lin, reader, post):
    post(mia, "Friends hotpot", visibility=Visibility.FOLLOWERS)
    follow_user(follower=lin, followee=mia)
    assert titles(search_notes(lin, "hotpot")) == ["Friends hotpot"]
    assert search_notes(reader, "hotpot").items == []
    assert search_notes(AnonymousUser(), "hotpot").items == []


def test_held_note_is_found_by_nobody_but_its_author(lin, reader, post):
    note = post(lin, "火锅店吐槽", "老板是个傻逼")
    note.refresh_from_db()
    assert note.moderation == ModerationState.HELD
    assert search_notes(reader, "火锅").items == []
    assert search_notes(reader, "hotpot").items == []  # not through the translation either
    assert titles(search_notes(lin, "火锅")) == ["火锅店吐槽"]


def test_withheld_note_is_invisible_in_region_search(mia, lin, reader, post):
    note = post(mia, "Hotpot protest", "a note withheld in Germany")
    withhold_note(note=note, regions=["DE"], legal_basis="court order")
    assert search_notes(reader, "hotpot").items == []  # reader's region is DE
    assert titles(search_notes(lin, "hotpot")) == ["Hotpot protest"]  # CN reads it
    assert titles(search_notes(mia, "hotpot")) == ["Hotpot protest"]  # the author too


def test_topics_only_in_hidden_notes_are_not_found(mia, reader, post):
    post(mia, "Private one", "#secretclub", visibility=Visibility.PRIVATE)
    assert search_topics(reader, "secretclub").items == []
    assert suggest(reader, "secret").topics == []
    assert [t.name for t in search_topics(mia, "secretclub").items] == ["secretclub"]


def test_inactive_people_are_never_found(reader, indexed):
    gone = make_user("gone_user", display_name="Hotpot Fan")
    make_user("here_user", display_name="Hotpot Lover")
    gone.is_active = False
    gone.save()
    indexed()
    assert [u.username for u in search_users(reader, "hotpot").items] == ["here_user"]
    assert [u.username for u in suggest(reader, "gone").users] == []


def test_people_who_are_not_discoverable_are_left_out_with_their_notes(mia, reader, post, indexed):
    post(mia, "Quiet hotpot", "")
    mia.discoverable = False
    mia.save(update_fields=["discoverable"])
    indexed()
    assert search_notes(reader, "hotpot").items == []
    assert search_users(reader, "mia").items == [] and suggest(reader, "mia").users == []
    assert titles(search_notes(mia, "hotpot")) == ["Quiet hotpot"]  # she finds her own


def test_blocked_people_and_their_notes_are_not_found(mia, reader, post, indexed):
    from crossnote.social.services import block_user

    post(mia, "Blocked hotpot", "")
    indexed()
    block_user(blocker=mia, blocked=reader)
    assert search_notes(reader, "hotpot").items == []
    assert search_users(reader, "mia").items == []
    assert [u.username for u in search_users(AnonymousUser(), "mia").items] == ["mia_ms"]
