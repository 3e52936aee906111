"""An operator runs the instance from the admin in chromium, in 简体中文 and English, on the phone
and the desktop: the headings are in their language, a policy saved with its regions box emptied
is saved (it was a 500), a region that is not a code is a form error in their language, and a
domain block typed as a URL blocks the server."""

import pytest

from crossnote.federation.models import DomainBlock
from crossnote.federation.services import is_blocked
from crossnote.moderation.models import Policy
from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as

pytestmark = pytest.mark.e2e

WORDS = {
    "en": {
        "heading": "Moderation",
        "region_error": "Give the regions as two-letter ISO 3166 codes, e.g. CN, DE.",
    },
    "zh-hans": {"heading": "内容审核", "region_error": "请用两个字母的 ISO 3166 代码填写地区"},
}


@pytest.mark.parametrize(
    ("language", "viewport", "size"),
    [("zh-hans", PHONE, "phone"), ("zh-hans", DESKTOP, "desktop"), ("en", DESKTOP, "desktop")],
)
def test_an_operator_edits_a_policy_and_blocks_a_server_in_the_admin(
    live_server, browser, transactional_db, page_errors, screenshots, language, viewport, size
):
    words = WORDS[language]
    operator = make_user("op_admin", is_staff=True, is_superuser=True)
    policy = Policy.objects.create(
        name="Spam phrases (opqa)", category="spam", min_score=1.0, action="limit", regions=["US"]
    )
    locale = "zh-CN" if language == "zh-hans" else "en-US"
    context = log_in_as(browser, live_server, operator, locale, viewport=viewport)
    page = page_errors.watch(context.new_page())

    page.goto(f"{live_server.url}/admin/")
    assert page.get_by_role("link", name=words["heading"], exact=True).count() == 1
    assert "邀请码s" not in page.content()
    page.screenshot(path=screenshots / f"opqa-admin-index-{size}-{language}.png", full_page=True)

    change = f"{live_server.url}/admin/moderation/policy/{policy.pk}/change/"
    page.goto(change)
    assert page.locator("#id_regions").input_value() == "US"
    page.fill("#id_regions", "ZZZ")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert words["region_error"] in page.locator(".errorlist").first.inner_text()
    page.screenshot(path=screenshots / f"opqa-admin-policy-{size}-{language}.png", full_page=True)
    policy.refresh_from_db()
    assert policy.regions == ["US"]

    page.fill("#id_regions", "")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/admin/moderation/policy/")
    policy.refresh_from_db()
    assert policy.regions == []

    page.goto(f"{live_server.url}/admin/federation/domainblock/add/")
    page.fill("#id_domain", "https://Spam.Example/")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{live_server.url}/admin/federation/domainblock/")
    assert list(DomainBlock.objects.values_list("domain", flat=True)) == ["spam.example"]
    assert is_blocked("spam.example")
    context.close()
