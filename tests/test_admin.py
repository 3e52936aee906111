"""Every admin screen an operator uses renders (glossary, reports, languages, content)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import make_user


@pytest.mark.django_db
def test_every_registered_model_has_a_working_changelist_and_add_page(client):
    make_user("root_admin", is_staff=True, is_superuser=True)
    client.login(username="root_admin", password="correct horse battery")
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        add = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        assert add.status_code in (200, 403), url


@pytest.mark.django_db
def test_operator_can_add_a_slang_term_in_admin(client):
    from crossnote.language.models import SlangTerm

    make_user("root_admin", is_staff=True, is_superuser=True)
    client.login(username="root_admin", password="correct horse battery")
    response = client.post(
        reverse("admin:language_slangterm_add"),
        {"term": "蹲", "meanings": '{"en": "waiting for updates"}', "enabled": "on"},
    )
    assert response.status_code == 302
    assert SlangTerm.objects.get(term="蹲").meanings == {"en": "waiting for updates"}
