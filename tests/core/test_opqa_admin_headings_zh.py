"""The admin in Simplified Chinese: every Crossnote app's heading is translated, no model's name
reads "邀请码s" (an English plural "s" after a Chinese name), and Django's auth group is "组",
not the group chat's "群聊"."""

import re

import pytest
from django.contrib import admin
from django.utils import translation

from crossnote.messaging.models import Conversation

pytestmark = pytest.mark.django_db


def _index_zh(admin_client) -> str:
    admin_client.cookies["django_language"] = "zh-hans"
    return admin_client.get("/admin/").content.decode()


def test_every_crossnote_app_heading_in_the_admin_is_chinese(admin_client):
    page = _index_zh(admin_client)
    with translation.override("zh-hans"):
        headings = {
            model._meta.app_config.label: str(model._meta.app_config.verbose_name)
            for model in admin.site._registry
            if model._meta.app_config.name.startswith("crossnote.")
        }
    english = {label: name for label, name in headings.items() if name.isascii()}
    assert not english, f"app headings left in English: {english}"
    for name in headings.values():
        if f">{name}<" in page or f"{name}</a>" in page:
            break
    else:
        pytest.fail("no translated app heading on the admin index")


def test_no_model_name_gets_an_english_plural_s_in_chinese(admin_client):
    page = _index_zh(admin_client)
    assert "邀请码" in page
    assert not re.findall(r"[\u4e00-\u9fff]s\b", page)


def test_the_auth_group_is_a_group_and_a_conversation_still_a_group_chat():
    from django.contrib.auth.models import Group

    with translation.override("zh-hans"):
        assert str(Group._meta.verbose_name) == "组"
        assert str(Conversation.Kind.GROUP.label) == "群聊"
