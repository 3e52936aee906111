"""The operator's instance-wide settings in the admin are held to the rules their own pages and
commands keep: enabled languages are codes the detector knows (the admin stored ["xx"], leaving
the instance no pair to translate), and the insights alert settings stay in their ranges (the
admin stored an alert margin of 5, which the dashboard refuses)."""

import pytest

from crossnote.insights.models import InsightsSettings
from crossnote.language.detection import enabled_languages
from crossnote.language.models import LanguageSettings

pytestmark = pytest.mark.django_db
LANGUAGES = "/admin/language/languagesettings/add/"
INSIGHTS = "/admin/insights/insightssettings/add/"


@pytest.mark.parametrize(
    "typed, said",
    [
        ('["xx"]', "Not a language code the detector knows: xx"),
        ('["zh", "klingon"]', "Not a language code the detector knows: klingon"),
        ("[]", "This field is required."),
        ('["  "]', "Enable at least one language."),
        ('{"zh": 1}', "Write the languages as a list"),
        ("[5]", "Write the languages as a list"),
    ],
)
def test_enabled_languages_must_be_codes_the_detector_knows(admin_client, typed, said):
    response = admin_client.post(LANGUAGES, {"enabled_languages": typed})

    assert response.status_code == 200
    assert said in response.content.decode()
    assert not LanguageSettings.objects.exists()


def test_enabled_languages_are_stored_in_lower_case_once_each(admin_client):
    response = admin_client.post(LANGUAGES, {"enabled_languages": '["ZH", " en", "zh"]'})

    assert response.status_code == 302
    assert LanguageSettings.objects.get().enabled_languages == ["zh", "en"]
    assert enabled_languages() == ("zh", "en")


def test_the_language_error_is_in_chinese_for_a_chinese_operator(admin_client):
    admin_client.cookies["django_language"] = "zh-hans"
    response = admin_client.post(LANGUAGES, {"enabled_languages": '["xx"]'})

    assert "语言检测器不认识这些语言代码：xx" in response.content.decode()


@pytest.mark.parametrize(
    "field, typed, said",
    [
        ("alert_margin", "5", "The alert margin must be between 0 and 1."),
        ("spike_factor", "1", "The spike factor must be more than 1 and at most 100."),
        ("baseline_days", "3", "The baseline must be between 7 and 365 days."),
    ],
)
def test_insights_settings_in_the_admin_keep_the_dashboards_ranges(
    admin_client, field, typed, said
):
    data = {"alert_margin": "0.1", "spike_factor": "3", "baseline_days": "28", field: typed}

    response = admin_client.post(INSIGHTS, data)

    assert response.status_code == 200
    assert said in response.content.decode()
    assert not InsightsSettings.objects.exists()


def test_insights_settings_in_range_are_saved(admin_client):
    data = {"alert_margin": "0.2", "spike_factor": "2.5", "baseline_days": "14"}

    response = admin_client.post(INSIGHTS, data)

    assert response.status_code == 302
    row = InsightsSettings.objects.get()
    assert (row.alert_margin, row.spike_factor, row.baseline_days) == (0.2, 2.5, 14)
