"""The person's row behind a remembered session or token (crossnote.accounts.authcache.
active_person): read on every request through SQL compiled once per process, it must give the
same person as the ORM's `get(pk=…)` and refuse what ModelBackend.get_user refuses, at once."""

from datetime import timedelta

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossnote.accounts import authcache
from crossnote.accounts.models import User
from crossnote.accounts.services import create_api_token
from crossnote.core import revocation


def _fields(user) -> list:
    return [getattr(user, f.attname) for f in User._meta.concrete_fields]


@pytest.mark.django_db
def test_the_compiled_read_gives_the_orms_person_column_for_column(lin):
    lin.last_login = timezone.now() - timedelta(days=2)
    lin.bio_language_confidence = 0.75
    lin.save()
    person = authcache.active_person(lin.pk)
    orm = User.objects.get(pk=lin.pk)
    assert _fields(person) == _fields(orm)
    assert person.languages == ["zh"] and person.region == "CN"  # JSON and country converted
    assert person._state.adding is False and person._state.db == "default"
    assert person.get_session_auth_hash() == orm.get_session_auth_hash()


@pytest.mark.django_db
def test_an_inactive_or_missing_person_is_none_as_with_model_backend(mia):
    assert authcache.active_person(mia.pk).pk == mia.pk
    User.objects.filter(pk=mia.pk).update(is_active=False)
    assert authcache.active_person(mia.pk) is None
    assert ModelBackend().get_user(mia.pk) is None
    assert authcache.active_person(mia.pk + 1000) is None


@pytest.mark.django_db
def test_a_remembered_session_sees_the_rows_changes_at_the_next_request(client, mia):
    authcache.forget_all()
    client.force_login(mia)
    assert client.get("/api/v1/me").json()["region"] == "US"
    User.objects.filter(pk=mia.pk).update(region="DE")  # no signal, no generation bump
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/me").json()["region"] == "DE"
    if revocation.current() is not None:  # no memo on PostgreSQL without Redis
        assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
    User.objects.filter(pk=mia.pk).update(is_active=False)
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_a_remembered_token_refuses_a_suspended_person_at_once(client, mia):
    _token, secret = create_api_token(user=mia, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/me", **headers).status_code == 200
    assert client.get("/api/v1/me", **headers).status_code == 200  # from the memo
    User.objects.filter(pk=mia.pk).update(is_active=False)
    assert client.get("/api/v1/me", **headers).status_code == 401


class _OwnGetUser(ModelBackend):
    calls: list = []

    def get_user(self, user_id):
        self.calls.append(user_id)
        return super().get_user(user_id)


@pytest.mark.django_db
def test_a_backend_with_its_own_get_user_is_still_asked(client, mia, settings):
    backend = f"{__name__}._OwnGetUser"
    settings.AUTHENTICATION_BACKENDS = [backend, *settings.AUTHENTICATION_BACKENDS]
    assert not authcache._reads_the_row_plainly(_OwnGetUser())
    assert authcache._reads_the_row_plainly(ModelBackend())
    authcache.forget_all()
    client.force_login(mia, backend=backend)
    assert client.get("/api/v1/me").status_code == 200  # read from the session, remembered
    _OwnGetUser.calls.clear()
    assert client.get("/api/v1/me").status_code == 200  # from the memo: the backend is asked
    assert _OwnGetUser.calls == [mia.pk]
