"""The data-region router places each region's accounts and their rows on its own database
(two SQLite files, in a separate process with its own settings)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from crossnote.privacy.routers import DataRegionRouter, database_for_region

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sqlite3, sys
    import django
    django.setup()
    from django.core.management import call_command
    from django.conf import settings
    for alias in ("default", "cn"):
        call_command("migrate", database=alias, verbosity=0)

    from crossnote.accounts.models import User
    from crossnote.notes.models import Board, Note
    from crossnote.privacy.routers import region_scope

    lin = User(username="lin_sh", email="lin@example.com", data_region="cn")
    lin.set_password("x"); lin.save()
    mia = User(username="mia_ms", email="mia@example.com", data_region="us")
    mia.set_password("x"); mia.save()
    Note(author=lin, title="火锅").save()  # follows its author's region
    with region_scope("cn"):  # Manager.create carries no row hint: pin the region
        Board.objects.create(owner=lin, name="吃")
    Board.objects.create(owner=mia, name="cats")

    def rows(path, sql):
        return sorted(r[0] for r in sqlite3.connect(path).execute(sql))

    cn, default = settings.DATABASES["cn"]["NAME"], settings.DATABASES["default"]["NAME"]
    assert rows(cn, "select username from accounts_user") == ["lin_sh"]
    assert rows(default, "select username from accounts_user") == ["mia_ms"]
    assert rows(cn, "select title from notes_note") == ["火锅"]
    assert rows(default, "select title from notes_note") == []
    assert rows(cn, "select name from notes_board") == ["吃"]
    assert rows(default, "select name from notes_board") == ["cats"]
    # Reads with no row to follow go to the pinned region.
    assert not User.objects.filter(username="lin_sh").exists()
    with region_scope("cn"):
        found = User.objects.get(username="lin_sh")
        assert found._state.db == "cn"
        assert list(found.notes.values_list("title", flat=True)) == ["火锅"]
    # Edits stay where the row lives.
    found.display_name = "小林"; found.save()
    assert rows(cn, "select display_name from accounts_user") == ["小林"]
    print("ROUTED OK")
    """
)

SETTINGS = textwrap.dedent(
    """
    from crossnote.settings import *  # noqa: F403

    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": r"%(default)s"},
        "cn": {"ENGINE": "django.db.backends.sqlite3", "NAME": r"%(cn)s"},
    }
    CROSSNOTE_REGION_DATABASES = {"cn": "cn"}
    DATABASE_ROUTERS = ["crossnote.privacy.routers.DataRegionRouter"]
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    """
)


def test_each_region_lives_in_its_own_sqlite_file(tmp_path):
    (tmp_path / "region_settings.py").write_text(
        SETTINGS % {"default": tmp_path / "global.sqlite3", "cn": tmp_path / "cn.sqlite3"}
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "region_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "CROSSNOTE_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(  # noqa: S603 - this interpreter, our own script
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ROUTED OK" in result.stdout


def test_regions_without_a_database_stay_on_default(settings):
    settings.CROSSNOTE_REGION_DATABASES = {"cn": "cn"}
    assert database_for_region("cn") == "cn"
    assert database_for_region("eu") == "default"
    assert DataRegionRouter().db_for_read(object) is None  # nothing pinned: Django's default
