"""An optional JSON box an operator empties in the admin saves the field's default instead of a
500 (null into a NOT NULL column): a person's languages, a note's language parts, a photo's
text lines, a remote actor's aliases... for every admin, including ones added later."""

import pytest
from django import forms
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from crossnote.accounts.models import User
from crossnote.notes.models import Note

pytestmark = pytest.mark.django_db


def _optional_json_fields():
    for model, model_admin in admin.site._registry.items():
        for field in model._meta.get_fields():
            if isinstance(field, models.JSONField) and field.blank and not field.null:
                yield model_admin, field


def test_there_are_optional_json_fields_in_the_admin():
    names = {f"{f.model._meta.label}.{f.name}" for _admin, f in _optional_json_fields()}
    assert {"accounts.User.languages", "notes.Note.language_parts"} <= names


@pytest.mark.parametrize("empty", ["", "   "])
def test_every_optional_json_box_left_empty_cleans_to_its_default(admin_user, empty):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    for model_admin, field in _optional_json_fields():
        form_field = model_admin.formfield_for_dbfield(field, request)
        if form_field is None:
            continue
        assert form_field.clean(empty) == field.get_default(), f"{field.model.__name__}.{field}"


def test_a_person_saved_with_an_empty_languages_box_speaks_no_listed_language(
    admin_client, admin_user
):
    page = admin_client.get(f"/admin/accounts/user/{admin_user.pk}/change/")
    form = page.context["adminform"].form
    data = {}
    for name, bound in form.fields.items():
        value = form[name].value()
        if value is None or isinstance(bound, forms.FileField):
            continue
        if isinstance(bound.widget, admin.widgets.AdminSplitDateTime):
            continue
        if isinstance(value, (list, tuple)) and name != "languages":
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = bound.prepare_value(value)
    data["languages"] = ""
    data["date_joined_0"] = "2026-01-01"
    data["date_joined_1"] = "00:00:00"

    response = admin_client.post(f"/admin/accounts/user/{admin_user.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(pk=admin_user.pk).languages == []


def test_a_note_admin_language_parts_box_is_optional(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    model_admin = admin.site._registry[Note]
    field = Note._meta.get_field("language_parts")
    assert model_admin.formfield_for_dbfield(field, request).clean("") == []
