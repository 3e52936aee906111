"""Issue 17: the thresholds chosen on data are shown where operators see the model, and a suite
run from the command line is the last run the suite page and the API show."""

import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from crossnote.moderation import selectors
from crossnote.moderation.detectors import classifier
from tests.conftest import make_user


@pytest.fixture
def no_last_run():
    cache.delete(selectors.SUITE_CACHE_KEY)
    yield
    cache.delete(selectors.SUITE_CACHE_KEY)


@pytest.mark.django_db
def test_the_classifier_admin_shows_the_alt_profanity_threshold_recorded_with_the_model(client):
    recorded = json.loads(classifier.PROFANITY_THRESHOLDS_PATH.read_text("utf-8"))
    make_user("root_admin", is_staff=True, is_superuser=True)
    client.login(username="root_admin", password="correct horse battery")
    listing = client.get("/admin/moderation/classifierversion/").content.decode()
    assert "lt-profanity-check threshold (from validation data)" in listing
    label = recorded["thresholds"]["label"]
    assert f"label at ≥ {label:.2f}, hold at never (fitted for {recorded['version']}" in listing
    for source, figures in recorded["validation"].items():
        assert f"{source} precision {figures['precision']}" in listing


@pytest.mark.django_db
def test_a_command_line_run_of_the_suite_is_the_last_run_the_page_shows(no_last_run, client_for):
    from django.contrib.auth.models import Group

    out = io.StringIO()
    call_command("moderation", "suite", "--group", "newcomers", "--errors", "0", stdout=out)
    printed = out.getvalue()
    assert "benign flagged" in printed
    last = selectors.last_suite_run()
    if last and last["failures"]["false_alarms_total"]:
        assert "(first 0)" in printed  # --errors 0 lists no case (when there is any to list)
    assert last is not None and last["group"] == "newcomers" and last["by"] == ""
    assert last["overall"]["benign"] == last["overall"]["n"] >= 60
    # The page keeps the failing cases (up to its own limit) whatever the command printed.
    assert len(last["failures"]["false_alarms"]) == min(last["failures"]["false_alarms_total"], 50)
    mod = make_user("mod")
    mod.groups.add(Group.objects.get(name="moderator"))
    body = client_for(mod).get("/api/v1/moderation/suite/last").json()
    assert body["group"] == "newcomers" and body["overall"] == last["overall"]
    page = client_for(mod).get("/moderation/suite/").content.decode()
    assert "newcomers" in page


@pytest.mark.django_db
def test_a_held_out_run_from_the_command_line_leaves_the_last_run_alone(no_last_run):
    call_command("moderation", "suite", "--cases", "holdout2", "--group", "newcomers",
                 stdout=io.StringIO())  # fmt: skip
    assert selectors.last_suite_run() is None
