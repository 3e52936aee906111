"""The CLI (rollup, report with chart files, waves), the activity middleware and the translation
tally fed by the language bridge."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from crossnote.cli import main
from crossnote.core.errors import DomainError
from crossnote.insights.models import ActiveDay, DailyMetric, TranslationTally
from crossnote.notes.models import Note


def test_rollup_and_report_write_text_and_chart_files(db, mia, lin, tmp_path, capsys):
    Note.objects.create(author=mia, title="cat", language="en")
    today = timezone.now().date()
    main(["insights", "rollup", "--from", str(today - timedelta(days=3)), "--to", str(today)])
    assert "Rolled up" in capsys.readouterr().out
    assert DailyMetric.objects.filter(day=today, metric="notes_language", key="en").exists()

    out = tmp_path / "report"
    main(
        ["insights", "report", "--from", str(today - timedelta(days=27)), "--to", str(today)]
        + ["--out", str(out), "--format", "svg", "--format", "png", "--format", "csv"]
    )
    text = capsys.readouterr().out
    assert "sign-ups                 2" in text and "notes                    1" in text
    assert "Cohorts (week of sign-up" in text
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 12 * 3
    assert (out / "retention.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "active_users.svg").read_text().startswith("<svg")
    assert (
        "en" in (out / "notes_language.csv").read_text()
        or "English" in (out / "notes_language.csv").read_text()
    )


def test_report_of_some_charts_in_png_only(db, mia, tmp_path):
    call_command("insights", "report", "--out", str(tmp_path), "--format", "png", "--chart", "wave")
    assert [p.name for p in tmp_path.iterdir()] == ["wave.png"]


def test_bad_dates_are_a_clear_error(db):
    with pytest.raises(CommandError, match="From"):
        call_command("insights", "rollup", "--from", "2025-02-31", "--to", "2025-03-01")
    with pytest.raises(SystemExit, match="must not be after"):
        main(["insights", "report", "--from", "2025-03-01", "--to", "2025-01-01"])


def test_waves_command_reports_no_alert_on_a_quiet_server(db, mia, capsys):
    main(["insights", "waves"])
    assert "0 new alert(s)." in capsys.readouterr().out


def test_a_logged_in_request_marks_the_person_active_once_a_day(client_for, mia):
    client = client_for(mia)
    client.get("/")
    client.get("/")
    assert list(ActiveDay.objects.values_list("user_id", "day")) == [
        (mia.pk, timezone.now().date())
    ]


def test_every_translation_request_is_tallied_by_language_pair(db, settings):
    from crossnote.language.services import translate_text

    settings.CROSSNOTE_TRANSLATION_BACKENDS = ["dictionary"]
    for _ in range(2):
        try:
            translate_text("我的猫喜欢吃火锅", "en", source="zh")
        except DomainError:
            pass  # no engine here: the request still counts
    row = TranslationTally.objects.get()
    assert (row.source, row.target, row.count) == ("zh", "en", 2)


def test_a_persons_active_days_are_in_their_export_and_go_with_them(client_for, mia):
    from crossnote.privacy.archive import collect_data
    from crossnote.privacy.erasure import erase_account

    client_for(mia).get("/")
    data, _media = collect_data(mia)
    assert data["moderation"]["other"]["active_days"] == [timezone.now().date().isoformat()]
    erase_account(mia)
    assert not ActiveDay.objects.exists()
