"""The admin's rate-limit rules are read once per process and read again when a rule is saved
or deleted anywhere (the shared generation of crossnote.core.revocation moves): a counted
request does not ask the database for them each time, and a changed rule applies at once."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from crossnote.core import revocation
from crossnote.security import ratelimits
from crossnote.security.models import RateLimitRule
from crossnote.security.services import set_rate_rule

pytestmark = [
    pytest.mark.django_db(transaction=True),  # memoised only outside a transaction
    pytest.mark.skipif(
        revocation.current() is None, reason="no shared generation (PostgreSQL without Redis)"
    ),
]


def _rule_reads(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return sum("security_ratelimitrule" in q["sql"] for q in queries.captured_queries)


def test_the_rules_are_read_once_and_again_after_each_change():
    ratelimits.forget_rules()
    assert _rule_reads(ratelimits.effective_rates) == 1
    before = ratelimits.effective_rates()["like"]["user"]  # the defaults, or the settings' own
    assert _rule_reads(ratelimits.effective_rates) == 0  # from the memo

    set_rate_rule(action="like", scope="user", rate="7/m")
    assert ratelimits.effective_rates()["like"]["user"] == "7/m"  # at once
    assert _rule_reads(ratelimits.effective_rates) == 0

    set_rate_rule(action="like", scope="user", rate=None)  # back to the default
    assert ratelimits.effective_rates()["like"]["user"] == before


def test_another_process_s_change_is_seen_through_the_generation():
    ratelimits.forget_rules()
    ratelimits.effective_rates()
    # As another process would: the row written and the generation bumped, this memo untouched.
    RateLimitRule.objects.bulk_create([RateLimitRule(action="like", scope="ip", rate="9/m")])
    revocation.bump()
    assert ratelimits.effective_rates()["like"]["ip"] == "9/m"


def test_a_read_inside_a_transaction_is_not_kept():
    before = ratelimits.effective_rates()["like"]["ip"]
    ratelimits.forget_rules()
    with transaction.atomic():
        RateLimitRule.objects.bulk_create([RateLimitRule(action="like", scope="ip", rate="3/m")])
        assert ratelimits.effective_rates()["like"]["ip"] == "3/m"
        transaction.set_rollback(True)
    assert ratelimits.effective_rates()["like"]["ip"] == before
