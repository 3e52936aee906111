"""The top bar fits a 390 px phone for everyone, whatever the fonts: a moderator's extra "Review"
link (and a staff member's Insights and Sign-up controls) made the English page 433 px wide with
Debian's fonts. Every link of the bar stays whole on screen (none clipped or pushed off), in
English and Chinese, and still with text a tenth wider than this machine's fonts draw it."""

import pytest
from django.contrib.auth.models import Group

from tests.conftest import make_user
from tests.e2e.conftest import DESKTOP, PHONE, log_in_as

pytestmark = pytest.mark.e2e

# Wider glyphs than the fonts installed here (another machine's fallback font may be wider); set
# through the CSSOM, which the site's CSP allows (a <style> tag it refuses).
WIDER_TEXT = "document.querySelector('header.topbar').style.letterSpacing = '.1em'"

MEASURE = """() => {
  const bar = document.querySelector('header.topbar');
  const controls = [...bar.querySelectorAll('a, button')].filter(e => e.getClientRects().length);
  return {
    page: document.documentElement.scrollWidth,
    bar: [bar.scrollWidth, bar.clientWidth, bar.getBoundingClientRect().height],
    off: controls.map(e => [e.textContent.trim() || e.getAttribute('title') || e.className,
                            e.getBoundingClientRect().left, e.getBoundingClientRect().right])
                 .filter(([, l, r]) => l < 0 || r > innerWidth + 0.5),
    clipped: [...bar.querySelectorAll('*')].filter(e => e.getClientRects().length
      && getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1
      && !e.matches('input, .sr-only, .nav-dm-label')).map(e => e.className),
  };
}"""


def _moderator(staff: bool):
    user = make_user(
        "mod_mia" if not staff else "staff_sam",
        display_name="Mia" if not staff else "Sam",
        region="US",
        languages=["en", "zh"],
        is_staff=staff,
    )
    user.groups.add(Group.objects.get(name="moderator"))
    return user


@pytest.mark.parametrize("staff", [False, True], ids=["moderator", "staff-moderator"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_top_bar_fits_a_390px_phone(
    live_server, browser, transactional_db, page_errors, screenshots, locale, staff
):
    user = _moderator(staff)
    ctx = log_in_as(browser, live_server, user, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(PHONE)
    tag = f"{'staff' if staff else 'moderator'}-{locale[:2]}"
    for path in ("/", "/moderation/queue/"):
        page.goto(f"{live_server.url}{path}")
        assert (
            page.get_by_role("link", name="Review")
            .or_(page.get_by_role("link", name="审核"))
            .count()
        ), "the moderator's review link is in the bar"
        for wider in (False, True):
            if wider:
                page.evaluate(WIDER_TEXT)
            fit = page.evaluate(MEASURE)
            where = f"{path} {tag}{' wider text' if wider else ''}"
            assert fit["page"] <= PHONE["width"], f"{where}: page is {fit['page']} px wide"
            assert fit["off"] == [], f"{where}: off screen: {fit['off']}"
            assert fit["clipped"] == [], f"{where}: clipped inside: {fit['clipped']}"
            assert fit["bar"][0] <= fit["bar"][1], f"{where}: the bar scrolls: {fit['bar']}"
            # It may take a second row, not half the screen.
            assert fit["bar"][2] < 0.2 * PHONE["height"], f"{where}: bar is {fit['bar'][2]} px"
        if path == "/":
            page.goto(f"{live_server.url}{path}")
            page.screenshot(path=str(screenshots / f"header-{tag}-390.png"))
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=str(screenshots / f"header-{tag}-1440.png"))
            page.set_viewport_size({"width": 1280, "height": 900})
            one_row = page.evaluate(MEASURE)
            assert one_row["bar"][2] < 70, "a desktop's bar is one row"
            page.screenshot(path=str(screenshots / f"header-{tag}-1280.png"))
            page.set_viewport_size(PHONE)
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)
