"""The regression suite page for moderators and staff: the last run's rates by set, kind and
language and its misses, in the reader's language; "run again" is a POST with CSRF; the last
result is kept with its time and classifier version; the same through the API."""

import pytest
from django.test import Client

from crossnote.moderation import selectors
from crossnote.moderation.models import ClassifierVersion
from tests.conftest import client_of, make_moderator, make_user

pytestmark = pytest.mark.django_db

PAGE = "/moderation/suite/"
GROUP = "mixed"  # the mixed-language cases of every set: a run of seconds, not the whole suite


@pytest.fixture
def mod(db):
    return make_moderator("mod")


def test_before_any_run_the_page_says_so_and_offers_to_run(mod):
    page = client_of(mod).get(PAGE, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="suite-empty"' in html and "Run the suite" in html
    assert "csrfmiddlewaretoken" in html


def test_run_again_runs_keeps_the_result_and_shows_rates_and_misses(mod):
    client = client_of(mod)
    response = client.post(PAGE, {"group": GROUP})
    assert response.status_code == 302 and response["Location"] == PAGE
    kept = selectors.last_suite_run()
    assert kept["group"] == GROUP and kept["by"] == "mod"
    assert kept["classifier"] == selectors.active_classifier_version()
    assert kept["overall"]["n"] > 0 and kept["ran_at"] is not None
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Run again" in html and 'data-testid="suite-meta"' in html
    for section in ("suite-sets", "suite-kinds", "suite-languages", "suite-missed"):
        assert f'data-testid="{section}"' in html
    assert "Abusive words in disguise" in html and "Innocent look-alikes" in html
    # Each miss is shown with its text (escaped) and what the pipeline did.
    for case in kept["failures"]["missed"]:
        assert case["text"].replace("&", "&amp;").replace("<", "&lt;")[:20] in html
    assert kept["failures"]["missed_total"] + kept["failures"]["false_alarms_total"] >= 0


def test_the_page_speaks_chinese(mod):
    client = client_of(mod)
    client.post(PAGE, {"group": GROUP})
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "回归测试" in html and "再运行一次" in html and "伪装的辱骂" in html
    assert "Run again" not in html


def test_run_again_needs_the_csrf_token(mod):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mod)
    assert client.post(PAGE, {"group": GROUP}).status_code == 403
    assert selectors.last_suite_run() is None


def test_an_unknown_group_is_a_message_not_an_error(mod):
    client = client_of(mod)
    response = client.post(PAGE, {"group": "nonsense"}, follow=True)
    assert response.status_code == 200
    assert "No cases in group nonsense" in response.content.decode()
    assert selectors.last_suite_run() is None


def test_a_run_on_another_classifier_version_is_marked_stale(mod):
    client = client_of(mod)
    client.post(PAGE, {"group": GROUP})
    ClassifierVersion.objects.update(active=False)
    ClassifierVersion.objects.create(version="v-test", path="", active=True)
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="suite-stale"' in html and "v-test" in html


def test_only_moderators_and_staff_see_it():
    reader = make_user("reader")
    assert client_of(reader).get(PAGE).status_code == 403
    assert client_of(reader).post(PAGE, {"group": GROUP}).status_code == 403
    assert Client().get(PAGE).status_code == 302  # to log in
    staff = make_user("staffer", is_staff=True)
    assert client_of(staff).get(PAGE).status_code == 200


def test_the_queue_links_to_it(mod):
    html = client_of(mod).get("/moderation/queue/").content.decode()
    assert 'href="/moderation/suite/"' in html


def test_the_api_keeps_and_returns_the_last_run(mod):
    client = client_of(mod)
    assert client.get("/api/v1/moderation/suite/last").status_code == 404
    ran = client.post(
        "/api/v1/moderation/suite/runs", {"group": GROUP}, content_type="application/json"
    )
    assert ran.status_code == 200
    body = ran.json()
    assert body["group"] == GROUP and body["by"] == "mod" and body["seconds"] >= 0
    last = client.get("/api/v1/moderation/suite/last").json()
    assert last["ran_at"] == body["ran_at"] and last["overall"] == body["overall"]
    bad = client.post(
        "/api/v1/moderation/suite/runs", {"group": "nonsense"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "nonsense" in bad.json()["detail"]
    reader = make_user("reader")
    assert client_of(reader).get("/api/v1/moderation/suite/last").status_code == 403
