"""PostgreSQL's sign-in and people news (crossnote.core.pgnews.PEOPLE_CHANNEL, accounts migration
0006): a signed-in request reads neither its session row nor its person's row while the database
has announced nothing about them, and a change made elsewhere (another process's connection:
here a connection of the test's own) shows at the next request once announced: a new display
name, a suspension, a session deleted. A change saved in this process shows at once. Real
commits: the tests run outside a transaction (`transactional_db`)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from crossnote.accounts import authcache
from crossnote.core import pgnews, revocation
from tests.conftest import heard, make_user, pg_news_caught_up, write_elsewhere

ME = "/api/v1/me"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="LISTEN/NOTIFY is PostgreSQL's; on SQLite the row is read in process",
)


@pytest.fixture
def signed_in(transactional_db):
    authcache.forget_all()
    person = make_user("people_news", display_name="Before")
    client = Client()
    client.force_login(person)
    pg_news_caught_up()  # listening, and the fixture's own writes taken in
    assert client.get(ME).status_code == 200  # the session remembered
    assert client.get(ME).status_code == 200  # the person's row kept
    yield person, client
    authcache.forget_all()


def _identity_reads(client) -> tuple[int, list[str]]:
    user_table = get_user_model()._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ME)
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] or f'FROM "{user_table}"' in q["sql"]
    ]
    return response.status_code, reads


def test_a_signed_in_request_reads_no_row_while_nothing_is_announced(signed_in):
    _person, client = signed_in
    status, reads = _identity_reads(client)
    assert status == 200 and reads == []


def test_a_change_made_elsewhere_shows_at_the_next_request(signed_in):
    person, client = signed_in
    mark = pgnews.people_mark()
    assert mark is not None
    table = get_user_model()._meta.db_table
    write_elsewhere(f'UPDATE "{table}" SET display_name = %s WHERE id = %s', ["After", person.pk])  # noqa: S608
    heard(lambda: not pgnews.person_unchanged(person.pk, mark))
    response = client.get(ME)
    assert response.status_code == 200 and response.json()["display_name"] == "After"
    status, reads = _identity_reads(client)  # kept again
    assert status == 200 and reads == []


def test_a_suspension_elsewhere_signs_out_at_the_next_request(signed_in):
    person, client = signed_in
    mark = pgnews.people_mark()
    table = get_user_model()._meta.db_table
    write_elsewhere(f'UPDATE "{table}" SET is_active = false WHERE id = %s', [person.pk])  # noqa: S608
    heard(lambda: not pgnews.person_unchanged(person.pk, mark))
    assert client.get(ME).status_code == 401


def test_a_session_deleted_elsewhere_signs_out_at_the_next_request(signed_in):
    _person, client = signed_in
    before = revocation.current()
    key = client.cookies["sessionid"].value
    table = Session._meta.db_table
    write_elsewhere(f'DELETE FROM "{table}" WHERE session_key = %s', [key])  # noqa: S608
    heard(lambda: revocation.current() not in (None, before))
    assert client.get(ME).status_code == 401


def test_a_change_saved_in_this_process_shows_at_once(signed_in):
    person, client = signed_in
    person.display_name = "Saved here"
    person.save(update_fields=["display_name"])
    response = client.get(ME)  # no wait for the news
    assert response.status_code == 200 and response.json()["display_name"] == "Saved here"


def test_inside_a_transaction_the_rows_are_read(signed_in):
    _person, client = signed_in
    with transaction.atomic():
        status, reads = _identity_reads(client)
    assert status == 200 and reads
