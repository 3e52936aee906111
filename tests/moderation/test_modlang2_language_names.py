"""Review and transparency pages name languages and regions in the reader's language: the review
item said "Detected language: zh", the queue "zh · CN" and the transparency report "DE" to a
moderator or reader of either language. The codes stay in data attributes, and the API keeps
them."""

import re

import pytest
from django.test import Client

from crossnote.moderation.models import ReviewItem
from crossnote.moderation.services.enforcement import withhold_note
from crossnote.notes.services import add_comment, create_note
from tests.conftest import client_of, make_moderator, moderator_decides, upload

pytestmark = pytest.mark.django_db
JSON = "application/json"
NAMES = {
    "en": {"zh": "Chinese", "CN": "China", "DE": "Germany", "list": "China, Germany"},
    "zh-hans": {"zh": "中文", "CN": "中国", "DE": "德国", "list": "中国、德国"},
}


@pytest.fixture(autouse=True)
def dictionary_only(settings):
    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]


@pytest.fixture
def item(mia, lin) -> ReviewItem:
    """A Chinese comment by a person in China, reported."""
    note = create_note(author=mia, title="Sunday dumplings", body="Pork", images=[upload()])
    comment = add_comment(note=note, author=lin, body="你的饺子真难看，像垃圾一样")
    client_of(mia).post(
        "/api/v1/reports",
        {"kind": "comment", "object_id": comment.pk, "reason": "harassment"},
        content_type=JSON,
    )
    return ReviewItem.objects.get(kind="comment", object_id=comment.pk)


def text_of(html: str, testid: str) -> str:
    """The text inside the first element with this data-testid (tags stripped)."""
    inner = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(?:strong|span|td)>', html, re.S)
    assert inner, testid
    return re.sub(r"<[^>]+>", "", inner.group(1)).strip()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_review_item_names_the_language_and_region(item, language):
    names = NAMES[language]
    mod = make_moderator("mod_amy", region="US", languages=["en"])
    html = client_of(mod).get(f"/moderation/queue/{item.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    html = html.content.decode()
    assert text_of(html, "item-language") == names["zh"]
    assert 'data-language="zh"' in html
    assert text_of(html, "item-region") == names["CN"] and 'data-region="CN"' in html
    # The API keeps the codes.
    api = client_of(mod).get(f"/api/v1/moderation/queue/{item.pk}").json()
    assert api["language"] == "zh" and api["region"] == "CN"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_queue_names_the_language_and_region(item, language):
    names = NAMES[language]
    mod = make_moderator("mod_amy", region="US", languages=["en"])
    html = client_of(mod).get("/moderation/queue/", HTTP_ACCEPT_LANGUAGE=language)
    cell = text_of(html.content.decode(), "queue-language")
    assert cell == f"{names['zh']} · {names['CN']}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_transparency_pages_name_regions_and_languages(item, mia, language):
    names = NAMES[language]
    mod = make_moderator("mod_amy", region="US", languages=["en"])
    moderator_decides(mod, item, action="approve")
    note = create_note(author=mia, title="Hiking", body="Up the hill", images=[upload()])
    withhold_note(note=note, regions=["DE", "CN"], legal_basis="NetzDG §3", by=mod)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)

    page = client.get("/transparency/").content.decode()
    regions = page.split('data-testid="regions"', 1)[1].split("</table>", 1)[0]
    assert f'data-region="DE">{names["DE"]}</td>' in regions
    assert f'data-region="CN">{names["CN"]}</td>' in regions
    by_language = page.split('data-testid="agreement-language"', 1)[1].split("</table>", 1)[0]
    assert f'data-language="zh">{names["zh"]}</td>' in by_language

    log = client.get("/transparency/withholdings/").content.decode()
    assert f'data-regions="CN,DE">{names["list"]}</td>' in log


def test_a_code_that_names_nothing_stays_as_it_is():
    from crossnote.accounts.models import language_name
    from crossnote.language.templatetags.language import language_name as language_filter
    from crossnote.moderation.templatetags.moderation import region_name

    assert language_name("xx") == "xx" and region_name("QQ") == "QQ"
    assert language_filter("mixed") == "Mixed" and language_filter("") == ""
    assert language_name("zh-Hans") == "Chinese" and language_name("ja") == "日本語"


@pytest.mark.parametrize(
    "language, names", [("en", ("Chinese", "English")), ("zh-hans", ("中文", "英文"))]
)
def test_the_regression_suite_names_its_languages_in_the_readers_language(language, names):
    """The suite page's "By language" table and its cases said "中文" to an English moderator."""
    from django.utils import translation

    from crossnote.moderation.presenters import SUITE_LANGUAGES, _suite_case, _suite_row

    with translation.override(language):
        assert str(_suite_row("zh", {}, SUITE_LANGUAGES)["name"]) == names[0]
        case = {"language": "en", "category": "", "action": "allow", "text": "hi"}
        assert str(_suite_case(case)["language_name"]) == names[1]
