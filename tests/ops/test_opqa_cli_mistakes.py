"""An operator's mistakes on the `crossnote` command line get one clear line and a non-zero exit,
never a traceback: a port out of range, a blocklist that is not UTF-8, a --label-map without
"=", a labelled CSV with a header and no rows."""

import pytest

from crossnote import cli
from crossnote.federation.models import DomainBlock


@pytest.mark.parametrize(
    "option, value, said",
    [
        ("--port", "99999", "--port: 99999 is not between 1 and 65535"),
        ("--port", "0", "--port: 0 is not between 1 and 65535"),
        ("--workers", "0", "--workers: 0 is not between 1 and 256"),
        ("--threads", "-1", "--threads: -1 is not between 1 and 1024"),
    ],
)
def test_serve_refuses_a_number_out_of_range_with_a_usage_line(
    capsys, monkeypatch, option, value, said
):
    # A port past 65535 reached socket.getaddrinfo and ended in an OverflowError traceback;
    # 0 workers went on to start the server. Should the check go, fail instead of serving.
    def started(*args, **kwargs):
        raise AssertionError("the server was started")

    monkeypatch.setattr(cli.os, "execv", started)
    monkeypatch.setattr(cli, "_start_background_process", started)
    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", option, value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err


@pytest.mark.django_db
def test_a_blocklist_that_is_not_utf8_is_refused_in_one_line(tmp_path):
    blocklist = tmp_path / "blocks.csv"
    blocklist.write_bytes(b"#domain,#severity\nspam.example,suspend\n\xff\xfe\n")
    with pytest.raises(SystemExit) as stopped:
        cli.main(["federation", "import-blocks", str(blocklist)])
    said = str(stopped.value.code)
    assert said.startswith("crossnote federation: ")
    assert f"{blocklist}: not UTF-8 text" in said
    assert not DomainBlock.objects.exists()


@pytest.mark.django_db
def test_a_label_map_without_equals_says_how_to_write_it(tmp_path):
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\nhello friend,0\nyou idiot,1\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli.main(["moderation", "eval", str(labelled), "--label-map", "offensive"])
    said = str(stopped.value.code)
    assert "--label-map: 'offensive' is not RAW=LABEL" in said
    assert "dictionary update sequence" not in said


@pytest.mark.django_db
def test_a_label_map_with_spaces_after_commas_maps_every_label(tmp_path, capsys):
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\nhello friend,0\nyou idiot,1\n", encoding="utf-8")
    cli.main(["moderation", "eval", str(labelled), "--label-map", "1=offensive, 0=ok"])
    report = capsys.readouterr().out
    assert "offensive" in report
    assert "support=1" in report


@pytest.mark.django_db
def test_a_labelled_csv_with_only_its_header_is_an_error_not_a_zero_score(tmp_path):
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli.main(["moderation", "eval", str(labelled)])
    assert f"{labelled}: no labelled rows" in str(stopped.value.code)


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["missing/follows.csv", "."])
def test_a_follows_export_to_a_place_that_cannot_be_written_says_so(tmp_path, mia, where):
    # A missing folder was a FileNotFoundError traceback, a folder an IsADirectoryError one.
    target = tmp_path / where
    with pytest.raises(SystemExit) as stopped:
        cli.main(["portability", "export", "follows", "mia_ms", "--output", str(target)])
    said = str(stopped.value.code)
    assert said.startswith(f"crossnote portability: cannot write {target}: ")
    assert "Traceback" not in said


@pytest.mark.django_db
def test_reading_a_file_that_is_no_picture_says_so_without_python_internals(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("not a photo", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli.main(["vision", "read-file", str(text)])
    said = str(stopped.value.code)
    assert f"could not read {text}: not a readable image" in said
    assert "BytesIO" not in said and " at 0x" not in said


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["policies", "hashes"])
def test_a_policies_or_hash_list_file_not_in_utf8_is_named(tmp_path, kind):
    latin1 = tmp_path / "list.txt"
    latin1.write_bytes("- name: Café\n".encode("latin-1"))
    with pytest.raises(SystemExit) as stopped:
        cli.main(["moderation", kind, "import", str(latin1)])
    assert f"crossnote moderation: {latin1}: not UTF-8 text" in str(stopped.value.code)
