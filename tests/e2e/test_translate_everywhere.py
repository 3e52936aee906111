"""Translation where readers look, in a real browser at phone size: a visitor translates one card
and then the whole explore grid, a Chinese reader does the same in the Chinese UI, a reader
translates all comments in one request and keeps them translated after posting a comment, and
Pinyin stays beside a translated note. The sentence engine is a local server speaking
LibreTranslate's API (tests/language/conftest.py); the offline glosses get their own check."""

import re

import pytest
from playwright.sync_api import expect

from crossnote.language import warm_up
from crossnote.notes.services import add_comment, create_note
from tests.conftest import image_bytes, make_user, upload
from tests.e2e.conftest import PHONE, log_in_as
from tests.language.conftest import FakeServer, json_body

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHRASES = {
    "上海的咖啡很好喝": "The coffee in Shanghai is good",
    "周末去成都吃火锅": "Hotpot in Chengdu at the weekend",
    "我的猫也喜欢火锅": "My cat likes hotpot too",
    "谢谢大家的喜欢": "Thank you all for liking it",
    "My cat loves hotpot": "我的猫爱吃火锅",
    "Sunset over the Bund": "外滩的日落",
    "She sleeps all day.": "她整天都在睡觉。",
}


def phrasebook(seen):
    """LibreTranslate's /translate answering from PHRASES ("[xx] text" for anything else)."""
    body = json_body(seen) or {}
    texts = body.get("q") or []
    texts = [texts] if isinstance(texts, str) else texts
    out = [PHRASES.get(t.strip(), f"[{body.get('target')}] {t}") for t in texts]
    return 200, {"translatedText": out}


@pytest.fixture
def engine(settings):
    """The sentence engine first, the offline gloss behind it (as an operator would set up)."""
    server = FakeServer(phrasebook)
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["libretranslate", "dictionary"]
    settings.CROSSNOTE_TRANSLATION_OPTIONS = {
        **settings.CROSSNOTE_TRANSLATION_OPTIONS,
        "libretranslate": {"url": server.url, "local": True},
    }
    yield server
    server.close()


def _note(author, title, body, color):
    image = upload("p.jpg", image_bytes(size=(600, 760), color=color))
    return create_note(author=author, title=title, body=body, images=[image])


@pytest.fixture
def people(transactional_db):
    mia = make_user("mia_ms", display_name="Mia", region="US", languages=["en"])
    lin = make_user("lin_sh", display_name="小林", region="CN", languages=["zh"])
    return mia, lin


def _titles_requests(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: "/titles/translation/" in r.url and seen.append(r.url))
    return seen


def test_visitor_translates_a_card_then_the_grid(
    live_server, browser, people, engine, screenshots, page_errors
):
    mia, lin = people
    coffee = _note(lin, "上海的咖啡很好喝", "我每天都去", (120, 80, 50))
    hotpot = _note(lin, "周末去成都吃火锅", "#火锅", (220, 90, 60))
    cat = _note(mia, "My cat loves hotpot", "She sleeps all day.", (200, 160, 120))

    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = page_errors.watch(context.new_page())
    requests = _titles_requests(page)
    page.goto(f"{live_server.url}/")
    expect(page.locator("article.note-card")).to_have_count(3)
    expect(page.get_by_test_id("translate-card")).to_have_count(2)  # not on Mia's English card
    expect(page.locator(f"#card-translate-{cat.pk}")).to_have_count(0)
    page.screenshot(path=str(screenshots / "translate-cards-en-390.png"), full_page=True)

    # One tap: the spinner and aria-busy while the engine works, then the title in place.
    engine.delay = 1.5
    button = page.locator(f"#card-translate-{coffee.pk} [data-testid=translate-card]")
    button.click()
    expect(button).to_have_attribute("aria-busy", "true")
    expect(button).to_be_disabled()
    page.locator("article.note-card", has=button).screenshot(
        path=str(screenshots / "translate-card-busy-en-390.png")
    )
    title = page.locator(f"#card-title-{coffee.pk} [data-testid=card-translated-title]")
    expect(title).to_have_text("The coffee in Shanghai is good")
    expect(page.locator(f"#card-title-{coffee.pk} [data-card-original]")).to_be_hidden()
    engine.delay = 0.0

    # And back to the original, and forth again, without asking the server.
    page.locator(f"#card-translate-{coffee.pk}").get_by_role("button", name="Show original").click()
    expect(page.locator(f"#card-title-{coffee.pk} [data-card-original]")).to_have_text(
        "上海的咖啡很好喝"
    )
    expect(title).to_be_hidden()
    page.locator(f"#card-translate-{coffee.pk}").get_by_role(
        "button", name="Show translation"
    ).click()
    expect(title).to_be_visible()

    # "Translate all titles": the rest of the grid in one request.
    page.get_by_test_id("translate-all-cards").click()
    expect(page.locator(f"#card-title-{hotpot.pk} [data-card-translated]")).to_have_text(
        "Hotpot in Chengdu at the weekend"
    )
    expect(page.get_by_test_id("translate-all-cards")).to_be_hidden()  # nothing left to do
    assert len(requests) == 2 and f"ids={hotpot.pk}" in requests[1]
    page.screenshot(path=str(screenshots / "translate-cards-en-390-done.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(400)  # the masonry re-lays its columns after a resize
    page.screenshot(path=str(screenshots / "translate-cards-en-1280.png"), full_page=True)
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    context.close()


def test_chinese_reader_translates_english_cards_on_explore_and_search(
    live_server, browser, people, engine, screenshots, page_errors
):
    mia, lin = people
    cat = _note(mia, "My cat loves hotpot", "She sleeps all day.", (200, 160, 120))
    bund = _note(mia, "Sunset over the Bund", "Golden hour.", (240, 170, 90))
    _note(lin, "上海的咖啡很好喝", "我每天都去", (120, 80, 50))

    context = log_in_as(browser, live_server, lin, "zh-CN")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("translate-card")).to_have_count(2)
    expect(page.get_by_test_id("translate-card").first).to_have_text("翻译")
    page.get_by_test_id("translate-all-cards").click()
    expect(page.locator(f"#card-title-{cat.pk} [data-card-translated]")).to_have_text(
        "我的猫爱吃火锅"
    )
    expect(page.locator(f"#card-title-{bund.pk} [data-card-translated]")).to_have_text("外滩的日落")
    expect(page.locator(f"#card-translate-{cat.pk}")).to_contain_text("查看原文")
    page.screenshot(path=str(screenshots / "translate-cards-zh-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(400)  # the masonry re-lays its columns after a resize
    page.screenshot(path=str(screenshots / "translate-cards-zh-1280.png"), full_page=True)

    # Search cards offer the same tap.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/search?q=hotpot")
    card = page.locator(f"#card-translate-{cat.pk}")
    card.get_by_test_id("translate-card").click()
    expect(page.locator(f"#card-title-{cat.pk} [data-card-translated]")).to_have_text(
        "我的猫爱吃火锅"
    )

    # Mia's English comments under her note, all at once in the Chinese UI.
    comment = add_comment(author=mia, note=cat, body="She sleeps all day.")
    page.goto(f"{live_server.url}/notes/{cat.pk}/")
    page.get_by_test_id("translate-all-comments").click()
    translation = page.locator(f"#comment-translation-{comment.pk}")
    expect(translation).to_contain_text("她整天都在睡觉")
    expect(translation).to_contain_text("收起翻译")
    page.screenshot(path=str(screenshots / "translate-comments-zh-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(screenshots / "translate-comments-zh-1280.png"), full_page=True)
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    context.close()


def test_comments_translated_together_stay_translated_after_posting(
    live_server, browser, people, engine, screenshots, page_errors
):
    mia, lin = people
    note = _note(mia, "My cat loves hotpot", "She sleeps all day.", (200, 160, 120))
    first = add_comment(author=lin, note=note, body="我的猫也喜欢火锅")
    add_comment(author=mia, note=note, body="Haha, of course!")
    last = add_comment(author=lin, note=note, body="谢谢大家的喜欢")

    context = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    batches: list[str] = []
    page.on("request", lambda r: "/comments/translation/" in r.url and batches.append(r.url))
    page.goto(f"{live_server.url}/notes/{note.pk}/")
    expect(page.get_by_test_id("translate-comment")).to_have_count(2)

    # One comment by itself...
    page.locator(f"#c{first.pk}").get_by_test_id("translate-comment").click()
    expect(page.locator(f"#comment-translation-{first.pk}")).to_contain_text(
        "My cat likes hotpot too"
    )
    expect(page.locator(f"#c{first.pk}").get_by_test_id("translate-comment")).to_be_hidden()
    # ...then every other one in one request.
    page.get_by_test_id("translate-all-comments").click()
    expect(page.locator(f"#comment-translation-{last.pk}")).to_contain_text(
        "Thank you all for liking it"
    )
    assert len(batches) == 1 and f"ids={last.pk}" in batches[0]
    expect(page.get_by_test_id("translate-all-comments")).to_be_hidden()
    page.screenshot(path=str(screenshots / "translate-comments-en-390.png"), full_page=True)

    # Posting a comment redraws the comments: both translations are still there.
    page.fill("textarea[name=body]", "They really do!")
    page.locator(".comment-form button[type=submit]").click()
    expect(page.locator("[data-testid=comment]")).to_have_count(4)
    expect(page.locator(f"#comment-translation-{first.pk}")).to_contain_text(
        "My cat likes hotpot too"
    )
    expect(page.locator(f"#comment-translation-{last.pk}")).to_contain_text(
        "Thank you all for liking it"
    )
    # "Hide translation" still works on a carried-over translation, and the button comes back.
    page.locator(f"#comment-translation-{first.pk}").get_by_role(
        "button", name="Hide translation"
    ).click()
    expect(page.locator(f"#c{first.pk}").get_by_test_id("translate-comment")).to_be_visible()
    expect(page.get_by_test_id("translate-all-comments")).to_be_visible()
    page.screenshot(
        path=str(screenshots / "translate-comments-en-390-after-post.png"), full_page=True
    )
    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(400)  # the masonry re-lays its columns after a resize
    page.screenshot(path=str(screenshots / "translate-comments-en-1280.png"), full_page=True)
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    context.close()


def test_pinyin_stays_beside_a_translated_note_and_glosses_go_under_cards(
    live_server, browser, people, settings, screenshots, page_errors
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]  # a fresh install, offline
    warm_up.warm_up_engines()  # as a server process does at start (live_server does not)
    mia, lin = people
    note = _note(lin, "我的猫很可爱", "每天都在睡觉", (120, 80, 50))
    add_comment(author=lin, note=note, body="谢谢大家")

    context = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.locator(f"#card-translate-{note.pk}").get_by_test_id("translate-card").click()
    gloss = page.locator(f"#card-translate-{note.pk} [data-testid=card-gloss]")
    expect(gloss).to_contain_text("cat", timeout=20_000)  # two shared cores, many suites
    expect(gloss).to_contain_text("not a translation")
    expect(page.locator(f"#card-title-{note.pk} [data-card-original]")).to_have_text("我的猫很可爱")
    page.screenshot(path=str(screenshots / "translate-cards-gloss-en-390.png"), full_page=True)

    page.goto(f"{live_server.url}/notes/{note.pk}/")
    page.get_by_test_id("translate-note").click()
    expect(page.get_by_test_id("translated-title")).to_be_visible()
    pinyin = page.get_by_test_id("pinyin-note")
    expect(pinyin).to_be_visible()  # it used to vanish with the Translate button
    pinyin.click()
    expect(page.locator("[data-original] ruby").first).to_be_visible()
    expect(page.locator("[data-note-text]")).to_have_class(re.compile("mode-bilingual"))
    page.screenshot(path=str(screenshots / "translate-note-pinyin-en-390.png"), full_page=True)
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    context.close()


def test_a_refused_translation_says_why_next_to_the_button(
    live_server, browser, people, settings, page_errors
):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = []  # no engine at all: the server answers 503
    mia, lin = people
    note = _note(lin, "上海的咖啡很好喝", "我每天都去", (120, 80, 50))
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    button = page.locator(f"#card-translate-{note.pk} [data-testid=translate-card]")
    button.click()
    error = page.locator(f"#card-translate-{note.pk} [role=alert]")
    expect(error).to_contain_text("No translation engine")
    expect(button).to_be_enabled()  # free to try again
    expect(button).not_to_have_attribute("aria-busy", "true")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP, {"width": 1920, "height": 1000}])
def test_side_by_side_never_squeezes_the_text_into_narrow_columns(
    live_server, browser, people, settings, screenshots, page_errors, viewport
):
    """The note's text sits beside its photos on a desktop: the original and its translation go
    side by side only where that column is wide enough, else one under the other."""
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    warm_up.warm_up_engines()
    mia, lin = people
    body = "我们周末去了海边，天气很好，吃了很多海鲜，还看了日落。" * 4
    note = _note(lin, "海边的周末", body, (60, 110, 160))
    context = log_in_as(browser, live_server, mia, "en-US")
    page = page_errors.watch(context.new_page())
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/notes/{note.pk}/")
    page.get_by_test_id("translate-note").click()
    expect(page.get_by_test_id("translated-title")).to_be_visible(timeout=20_000)
    page.locator("#note-translation [data-mode=bilingual]").click()
    expect(page.locator("[data-note-text]")).to_have_class(re.compile("mode-bilingual"))
    original = page.locator("[data-original]").bounding_box()
    translation = page.locator("#note-translation").bounding_box()
    stacked = translation["y"] >= original["y"] + original["height"] - 1
    assert stacked or min(original["width"], translation["width"]) >= 300, (original, translation)
    page.screenshot(
        path=str(screenshots / f"translate-bilingual-{viewport['width']}.png"), full_page=True
    )
    assert page_errors == [], "the browser reported errors:\n" + "\n".join(page_errors)
    context.close()
