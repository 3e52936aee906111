"""`crossnote privacy export USER --output ...`: a folder that does not exist is refused in one line
before any archive is built (it was a FileNotFoundError traceback after the work), and a folder
gets the archive under its own name (it was an IsADirectoryError traceback)."""

import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crossnote.privacy.models import ExportRequest, OperatorAction

pytestmark = pytest.mark.django_db


def test_an_output_in_a_missing_folder_is_refused_before_anything_is_built(mia, tmp_path):
    missing = tmp_path / "no-such-folder" / "mia.zip"
    with pytest.raises(CommandError, match=f"--output: there is no folder {missing.parent}"):
        call_command("privacy", "export", "mia_ms", "--output", str(missing))
    assert not ExportRequest.objects.filter(user=mia).exists()
    assert not OperatorAction.objects.filter(subject=mia).exists()


def test_an_output_folder_gets_the_archive_under_its_own_name(mia, tmp_path, capsys):
    call_command("privacy", "export", "mia_ms", "--output", str(tmp_path))
    (archive,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(archive) as opened:
        assert "data.json" in opened.namelist()
    assert str(archive) in capsys.readouterr().out
