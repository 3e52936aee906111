"""The phone's bottom tab bar (issue 20, RedNote's shape): Explore, Following, + (post), Messages
with the unread badge, Me, fixed at the bottom under 720 px with the current tab marked; the top
bar then drops those links and still fits 390 px; nothing of the page hides behind the bar; a
desktop keeps the links in the top bar and shows no tab bar. English and Chinese."""

import pytest
from playwright.sync_api import expect

from crossnote.messaging.services import send_message, start_conversation
from crossnote.notes.services import create_note
from crossnote.social.services import follow_user
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
LABELS = {
    "en": ["Explore", "Following", "Post", "Messages", "Me"],
    "zh": ["探索", "关注", "发布", "消息", "我"],
}

BAR = """() => {
  const bar = document.querySelector('[data-testid=tabbar]');
  const box = bar.getBoundingClientRect();
  const style = getComputedStyle(bar);
  return {shown: style.display !== 'none', position: style.position, top: box.top,
          bottom: box.bottom, pad: style.paddingBottom, page: document.documentElement.scrollWidth,
          current: [...bar.querySelectorAll('[aria-current=page]')]
            .map(a => a.querySelector('span:not(.badge):not(.tab-plus)').textContent.trim()),
          topLinks: [...document.querySelectorAll('header.topbar .nav a, header.topbar .nav details')]
                      .filter(a => a.getClientRects().length).map(a => a.className)};
}"""


@pytest.fixture
def world(transactional_db):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    follow_user(follower=mia, followee=lin)
    for i in range(12):
        image = upload("p.jpg", image_bytes(size=(600, 800), color=(40 + i * 15, 90, 120)))
        create_note(author=lin, title=f"Note {i}", body="", images=[image])
    chat = start_conversation(sender=lin, recipients=[mia])
    send_message(sender=lin, conversation_id=chat.pk, body="Hi Mia!")
    return mia, lin


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_phone_has_a_bottom_tab_bar_and_desktop_keeps_the_top_links(
    live_server, browser, world, page_errors, screenshots, locale
):
    mia, _lin = world
    lang = locale[:2]
    ctx = log_in_as(browser, live_server, mia, locale)
    page = page_errors.watch(ctx.new_page())
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    bar = page.get_by_test_id("tabbar")
    expect(bar).to_be_visible()
    names = [n.strip() for n in bar.locator("a").all_inner_texts()]
    for label, shown in zip(LABELS[lang], names, strict=True):
        assert label in shown or shown == "＋", (label, shown)
    expect(bar.get_by_role("link", name=LABELS[lang][2])).to_be_visible()  # "+" is named Post
    expect(page.get_by_test_id("tab-messages-badge")).to_have_text("1")
    state = page.evaluate(BAR)
    assert state["shown"] and state["position"] == "fixed"
    assert abs(state["bottom"] - PHONE["height"]) < 1, "fixed at the very bottom"
    assert state["current"] == [LABELS[lang][0]], "Explore is the current tab"
    assert state["page"] <= PHONE["width"], f"the page is {state['page']} px wide"
    # The top bar drops what the tab bar has (the bell, search and language stay).
    assert not {"nav-explore", "nav-following", "nav-post", "nav-dm", "nav-me"} & {
        c for cls in state["topLinks"] for c in cls.split()
    }, state["topLinks"]
    page.screenshot(path=str(screenshots / f"tabbar-explore-{lang}-390.png"))

    # Nothing hides behind the bar: the end of the page stops above it.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    last = page.locator("main").evaluate(
        "m => { const c = [...m.querySelectorAll('[data-card], .more')].pop();"
        " return c.getBoundingClientRect().bottom; }"
    )
    assert last <= page.evaluate(BAR)["top"] + 0.5, "the last card ends above the tab bar"

    # Each place marks its own tab.
    for path, index in (("/following/", 1), ("/messages/", 3)):
        page.goto(live_server.url + path)
        assert page.evaluate(BAR)["current"] == [LABELS[lang][index]], path
    page.goto(live_server.url + "/notes/new/")
    expect(page.get_by_test_id("tab-post")).to_have_attribute("aria-current", "page")
    page.goto(live_server.url + "/messages/")
    page.screenshot(path=str(screenshots / f"tabbar-messages-{lang}-390.png"))
    page.get_by_test_id("tabbar").get_by_role("link", name=LABELS[lang][0]).click()
    expect(page).to_have_url(live_server.url + "/")

    # A desktop: no tab bar, the links are in the top bar.
    page.set_viewport_size(DESKTOP)
    state = page.evaluate(BAR)
    assert not state["shown"]
    assert {"nav-explore", "nav-following", "nav-post", "nav-dm", "nav-me"} <= {
        c for cls in state["topLinks"] for c in cls.split()
    }
    expect(page.get_by_test_id("messages-badge")).to_have_text("1")
    page.screenshot(path=str(screenshots / f"tabbar-desktop-{lang}-1280.png"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/u/{mia.username}/")
    assert page.evaluate(BAR)["current"] == [LABELS[lang][4]], "Me on one's own profile"
    # Leave no poll in flight (the inbox refreshes itself) while the test database is flushed.
    page.goto("about:blank")
    page.wait_for_timeout(300)
    ctx.close()
    assert page_errors == [], "\n".join(page_errors)


def test_signed_out_tabs_lead_to_log_in(live_server, context, page, world, page_errors):
    page.goto(live_server.url + "/")
    bar = page.get_by_test_id("tabbar")
    expect(bar).to_be_visible()
    bar.get_by_role("link", name="Post").click()
    expect(page).to_have_url(f"{live_server.url}/login/?next=/notes/new/")
    assert page_errors == [], "\n".join(page_errors)
