"""Personal access tokens on the read path: no database write per request, and nothing cached
that could let a revoked token, a suspended account or a changed password through."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crossnote.accounts import authcache
from crossnote.accounts.models import ApiToken, User
from crossnote.accounts.services import TOKEN_TOUCH_EVERY, change_password, create_api_token

ME = "/api/v1/me"


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]


def test_reading_with_a_token_writes_last_used_at_at_most_once_per_interval(mia):
    token, secret = create_api_token(user=mia, name="script")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bearer.get(ME).status_code == 200
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None

    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert bearer.get(ME).status_code == 200
    assert _writes(queries) == []  # a read writes nothing
    token.refresh_from_db()
    assert token.last_used_at == first_use

    # Once the interval has passed, the next use is recorded again.
    earlier = timezone.now() - TOKEN_TOUCH_EVERY - timedelta(seconds=1)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=earlier)
    # Each process remembers when it last marked the token used (crossnote.accounts.authcache):
    # the row changed behind its back here, so read it as a process that starts now would.
    authcache.forget_all()
    assert bearer.get(ME).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at > earlier + TOKEN_TOUCH_EVERY


def test_a_revoked_token_is_refused_at_the_very_next_request(client_for, mia):
    token, secret = create_api_token(user=mia, name="laptop")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bearer.get("/api/v1/feeds/explore").status_code == 200
    assert bearer.get(ME).status_code == 200
    assert client_for(mia).delete(f"/api/v1/me/tokens/{token.pk}").status_code == 204
    assert bearer.get(ME).status_code == 401
    assert bearer.get("/api/v1/feeds/following").status_code == 401


def test_a_suspended_account_and_a_changed_password_end_tokens_at_once(mia, lin):
    _token, secret = create_api_token(user=mia, name="laptop")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bearer.get(ME).status_code == 200
    # Moderation suspends with a bulk update (no signals): the token still stops at once.
    User.objects.filter(pk=mia.pk).update(is_active=False)
    assert bearer.get(ME).status_code == 401

    _token, secret = create_api_token(user=lin, name="phone")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bearer.get(ME).status_code == 200
    change_password(user=lin, old_password="correct horse battery", new_password="n3w-Passw0rd!x")
    assert bearer.get(ME).status_code == 401
