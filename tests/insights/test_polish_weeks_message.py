"""A `weeks` the insights do not offer is refused with a sentence naming the parameter and the
presets, in the reader's language: it read "Last: Select a valid choice. 9 is not one of the
available choices." (the picker's label, meaningless to an API caller). weeks=0 was taken as no
preset at all (the last 12 weeks) and is refused like any other."""

import pytest

from tests.conftest import make_user

MESSAGES = {
    "en": "The weeks parameter must be one of 4, 12, 26.",
    "zh-hans": "weeks 参数必须是以下之一：4, 12, 26。",
}


@pytest.fixture
def api(client_for, db):
    return client_for(make_user("olga_polish", is_staff=True, region="DE"))


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
@pytest.mark.parametrize("weeks", ["9", "0", "-4"])
@pytest.mark.parametrize("path", ["series/active_users", "summary", "cohorts", "waves"])
def test_a_bad_weeks_is_a_400_naming_the_parameter(api, lang, weeks, path):
    response = api.get(f"/api/v1/insights/{path}?weeks={weeks}", HTTP_ACCEPT_LANGUAGE=lang)

    assert response.status_code == 400
    assert response.json()["detail"] == MESSAGES[lang]


def test_the_page_says_it_too(api):
    response = api.get("/insights/?weeks=5", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 400
    assert MESSAGES["zh-hans"] in response.content.decode()


@pytest.mark.parametrize("weeks", ["4", "12", "26"])
def test_each_preset_still_answers(api, weeks):
    assert api.get(f"/api/v1/insights/summary?weeks={weeks}").status_code == 200
