"""The crossnote command and the API's contract for moving in and out."""

import pytest
from django.core.management import call_command
from django.test import Client

from crossnote.api.api import api
from crossnote.notes.models import Note
from crossnote.social.services import follow_user
from tests.portability.conftest import instagram_export

pytestmark = pytest.mark.django_db

OPERATIONS = [
    ("post", "/api/v1/imports"),
    ("get", "/api/v1/imports"),
    ("get", "/api/v1/imports/{import_id}"),
    ("get", "/api/v1/drafts"),
    ("post", "/api/v1/drafts/publish"),
    ("post", "/api/v1/drafts/{note_id}/publish"),
    ("delete", "/api/v1/drafts/{note_id}"),
    ("get", "/api/v1/me/following_accounts.csv"),
    ("post", "/api/v1/me/following_accounts.csv"),
    ("get", "/api/v1/me/blocked_accounts.csv"),
    ("post", "/api/v1/me/blocked_accounts.csv"),
]


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operations_are_in_the_schema_with_their_errors(method, path):
    spec = api.get_openapi_schema()["paths"][path][method]
    assert {"400", "401"} <= {str(code) for code in spec["responses"]}
    if path == "/api/v1/imports" and method == "post":
        assert {"409", "413", "415"} <= {str(code) for code in spec["responses"]}


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operations_need_a_login(method, path):
    url = path.replace("{import_id}", "1").replace("{note_id}", "1")
    assert getattr(Client(), method)(url).status_code == 401


def test_the_command_imports_lists_publishes_and_exports(mia, lin, tmp_path, capsys, settings):
    archive = tmp_path / "instagram.zip"
    archive.write_bytes(instagram_export())
    call_command("portability", "import", "instagram", "mia_ms", str(archive))
    assert "2 drafts made, 0 skipped" in capsys.readouterr().out
    call_command("portability", "drafts", "mia_ms")
    listed = capsys.readouterr().out
    assert "今天的火锅真好吃" in listed and "2022-05-08" in listed
    hotpot = Note.objects.get(title="今天的火锅真好吃")
    call_command("portability", "publish", "mia_ms", str(hotpot.pk), "--visibility", "followers")
    hotpot.refresh_from_db()
    assert hotpot.visibility == "followers"
    call_command("portability", "publish", "mia_ms")
    assert "1 published" in capsys.readouterr().out

    follow_user(follower=mia, followee=lin)
    out = tmp_path / "following_accounts.csv"
    call_command(
        "portability", "export", "follows", "mia_ms", "--output", str(out), "--domain", "cn.example"
    )
    assert out.read_text().splitlines()[1] == "lin_sh@cn.example,true,false,"
    call_command("portability", "import", "blocks", "lin_sh", str(out), "--domain", "cn.example")
    assert "unknown: 1" in capsys.readouterr().out  # lin cannot block herself


def test_the_command_refuses_bad_input_clearly(mia, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such user"):
        call_command("portability", "drafts", "nobody")
    with pytest.raises(CommandError, match="no such file"):
        call_command("portability", "import", "instagram", "mia_ms", str(tmp_path / "x.zip"))
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not a ZIP"):
        call_command("portability", "import", "mastodon", "mia_ms", str(bad))


def test_the_crossnote_entry_point_passes_through(capsys):
    from crossnote.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert "portability" in commands
