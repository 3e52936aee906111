"""A Chinese operator's change and add pages name the thing in Chinese ("修改 审核规则", not
"修改 policy"): every model registered with the admin has a translated singular name too
(Policy, HashEntry and AuditEntry had only their plurals)."""

import pytest
from django.contrib import admin
from django.utils import translation

from crossnote.moderation.models import Policy
from crossnote.moderation.services import ensure_defaults

pytestmark = pytest.mark.django_db


def test_every_registered_model_has_a_chinese_singular_name():
    with translation.override("zh-hans"):
        english = {
            model._meta.label: str(model._meta.verbose_name)
            for model in admin.site._registry
            if str(model._meta.verbose_name).isascii()
        }
    assert not english, f"models named in English in zh-hans: {english}"


def test_a_policys_change_page_names_it_in_chinese(admin_client):
    ensure_defaults()
    policy = Policy.objects.first()
    admin_client.cookies["django_language"] = "zh-hans"
    page = admin_client.get(f"/admin/moderation/policy/{policy.pk}/change/").content.decode()
    assert "修改 审核规则" in page
    assert "policy</" not in page
