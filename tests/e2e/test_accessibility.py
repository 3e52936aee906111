"""axe-core (through axe-playwright-python) on the main pages, in English and Chinese, at phone
and desktop sizes: no serious or critical violation (WCAG 2 A/AA: contrast, labels, names,
valid lang attributes, ARIA). Moderate ones (e.g. "region") are listed, not failed."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.community import build_community
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as

pytestmark = pytest.mark.e2e

BLOCKING = ("serious", "critical")


def main_pages(world) -> dict[str, str]:
    return {
        "explore": "/",
        "note": world.note.get_absolute_url(),
        "mixed note": world.mixed.get_absolute_url(),
        "compose": "/notes/new/",
        "search": "/search?q=%E7%8C%AB",
        "messages": "/messages/",
        "conversation": f"/messages/{world.conversation_id}/",
        "profile": f"/u/{world.lin.username}/",
        "settings": "/settings/",
        "notifications": "/notifications/",
        "topics": "/explore/topics/",
        "topic": "/topics/%E7%8C%AB/",
    }


def describe(page_name: str, violation: dict) -> str:
    nodes = "; ".join(
        f"{' '.join(map(str, n['target']))}: {n.get('failureSummary', '').splitlines()[-1].strip()}"
        for n in violation["nodes"][:4]
    )
    return (
        f"{page_name}: {violation['impact']} {violation['id']} on {len(violation['nodes'])} "
        f"element(s) ({violation['help']}): {nodes}"
    )


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_main_pages_have_no_serious_accessibility_violations(
    live_server, browser, page_errors, locale
):
    world = build_community()
    axe = Axe()
    found = []
    context = log_in_as(browser, live_server, world.mia, locale=locale)
    page = page_errors.watch(context.new_page())
    try:
        for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            for name, path in main_pages(world).items():
                response = page.goto(live_server.url + path)
                assert response.status == 200, f"{path}: {response.status}"
                page.wait_for_load_state("networkidle")
                results = axe.run(page)
                found += [
                    describe(f"{locale} {size_name} {name}", v)
                    for v in results.response["violations"]
                    if v["impact"] in BLOCKING
                ]
    finally:
        context.close()
    assert not found, "\n".join(found)
    assert not page_errors, page_errors


def test_axe_catches_what_it_guards(browser):
    """The check can fail: the old muted grey on the page background, an unlabelled file field
    and lang="mixed" are each reported as serious or critical."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
        '<p style="color:#8a8a8a;background:#fafafa">Muted grey text</p>'
        '<input type="file"><p lang="mixed">I love 火锅</p></main></body></html>'
    )
    ids = {v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING}
    context.close()
    assert {"color-contrast", "label", "valid-lang"} <= ids


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_search_suggestions_are_a_plain_list_of_links(live_server, browser, page_errors, locale):
    """The suggestions under the search box were a role=listbox of links (no options): critical
    aria-required-children, and list items outside a list for screen readers."""
    world = build_community()
    context = log_in_as(browser, live_server, world.mia, locale=locale)
    page = page_errors.watch(context.new_page())
    page.goto(live_server.url + "/")
    page.locator(".search-box input[name=q]").fill("ca")
    page.get_by_test_id("suggest-topic").first.wait_for()
    found = [
        describe(f"{locale} suggestions", v)
        for v in Axe().run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    context.close()
    assert not found, "\n".join(found)
    assert not page_errors, page_errors
