"""Schemathesis against /api/openapi.json, in-process (WSGI), as a logged-in staff user: no
operation may answer 5xx, send a body that breaks its own schema, answer with a status its schema
does not list, or accept data its schema forbids (positive and negative data both), whatever it is
sent. The schema's error answers come from crossnote.api.contract.

Bounded for CI: CROSSNOTE_FUZZ_EXAMPLES examples per operation (default 6, about a minute for
the whole API on two cores); set it higher for a deeper run."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from crossnote.accounts.services import create_api_token
from tests.conftest import make_user

EXAMPLES = int(os.environ.get("CROSSNOTE_FUZZ_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
    negative_data_rejection,
]


def _load_schema():
    """The live schema, fetched through the whole WSGI stack like a client would."""
    from crossnote.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


schema = _load_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Django closes the database connection when a request finishes; its test client turns
    that off, the WSGI client schemathesis uses does not (PostgreSQL would lose the test's
    transaction after the first request)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_token(db):
    from django.contrib.auth.models import Group

    from crossnote.moderation.roles import SENIOR

    user = make_user("fuzz_staff", is_staff=True, is_superuser=True)
    user.groups.add(Group.objects.get_or_create(name=SENIOR)[0])
    make_user("mia_ms")  # a second person for /users/{username} paths
    _token, secret = create_api_token(user=user, name="fuzz")
    return secret


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_fails_or_breaks_its_schema(case, staff_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {staff_token}"}, checks=CHECKS)


def test_api_schema_names_are_unique():
    """OpenAPI components are keyed by class name: two schemas with one name silently make an
    operation document the other's shape (what the fuzzer reports as a schema violation)."""
    import ninja

    from crossnote.api.api import api  # noqa: F401 - imports every app's schemas

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    by_name: dict[str, set[str]] = {}
    for cls in subclasses(ninja.Schema):
        if cls.__module__.startswith("crossnote."):
            by_name.setdefault(cls.__name__, set()).add(cls.__module__)
    clashes = {name: sorted(mods) for name, mods in by_name.items() if len(mods) > 1}
    assert not clashes, clashes
