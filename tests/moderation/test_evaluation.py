"""Scoring against labelled CSVs: the numbers match a hand count, per label and per language,
and a malformed file is refused with the column or line at fault."""

import pytest

from crossnote.moderation.evaluation import LabelledRow, read_labelled_csv, score

Y_TRUE = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
Y_PRED = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0]
GROUPS = ["zh"] * 5 + ["en"] * 5


def test_score_matches_a_hand_count():
    overall = score(Y_TRUE, Y_PRED)["overall"]
    assert overall["n"] == 10
    assert overall["accuracy"] == pytest.approx(0.7)
    # label 1: 3 hits of 5 predicted, of 4 true
    assert overall["labels"][1] == pytest.approx(
        {"precision": 0.6, "recall": 0.75, "f1": 2 / 3, "support": 4}
    )
    # label 0: 4 hits of 5 predicted, of 6 true
    assert overall["labels"][0] == pytest.approx(
        {"precision": 0.8, "recall": 4 / 6, "f1": 8 / 11, "support": 6}
    )


def test_score_splits_by_group_and_counts_empty_ratios_as_zero():
    groups = score(Y_TRUE, Y_PRED, GROUPS)["groups"]
    assert list(groups) == ["en", "zh"]
    assert groups["zh"]["accuracy"] == pytest.approx(0.6)
    assert groups["zh"]["labels"][1] == pytest.approx(
        {"precision": 0.75, "recall": 0.75, "f1": 0.75, "support": 4}
    )
    assert groups["zh"]["labels"][0] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    # No offensive text in English, one false alarm: precision and recall have nothing to divide.
    assert groups["en"]["labels"][1] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert groups["en"]["labels"][0] == pytest.approx(
        {"precision": 1.0, "recall": 0.8, "f1": 16 / 18, "support": 5}
    )
    assert score(Y_TRUE, Y_PRED)["groups"] == {}


def test_score_takes_category_names_as_labels():
    result = score(["spam", "safe", "hate"], ["spam", "spam", "hate"])["overall"]
    assert set(result["labels"]) == {"spam", "safe", "hate"}
    assert result["labels"]["spam"]["precision"] == pytest.approx(0.5)
    assert result["labels"]["safe"]["recall"] == 0.0


def test_score_refuses_lists_of_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        score([1, 0], [1])
    with pytest.raises(ValueError, match="same length"):
        score([1, 0], [1, 0], ["en"])


def _csv(tmp_path, content: str, name="labelled.csv"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_read_labelled_csv_reads_text_label_and_language(tmp_path):
    path = _csv(
        tmp_path,
        'text,label,language\n"line one\nline two",1,zh\n\nMy cat,0,\n今天,1,zh\n',
    )
    rows = read_labelled_csv(path, {"0": 0, "1": 1}, language="und")
    assert rows == [
        LabelledRow("line one\nline two", 1, "zh"),
        LabelledRow("My cat", 0, "und"),
        LabelledRow("今天", 1, "zh"),
    ]


def test_read_labelled_csv_matches_columns_in_any_case_and_keeps_raw_labels(tmp_path):
    path = _csv(tmp_path, "\ufeff,topic,LABEL,TEXT\n7,race,1,示例\n")
    assert read_labelled_csv(path) == [LabelledRow("示例", "1", "")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("text,verdict\nhello,1\n", "missing column label \\(found: text, verdict\\)"),
        ("body,verdict\nhello,1\n", "missing columns text, label"),
        ("", "empty file"),
    ],
)
def test_read_labelled_csv_names_missing_columns(tmp_path, content, message):
    with pytest.raises(ValueError, match=message):
        read_labelled_csv(_csv(tmp_path, content))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('text,label\n"two\nlines",1\nok,2\n', "line 4: unknown label '2' \\(expected 0, 1\\)"),
        ("text,label\nok,1\nempty,\n", "line 3: empty label"),
        ("text,label\nok,1\nno label here\n", "line 3: 1 fields, expected at least 2"),
    ],
)
def test_read_labelled_csv_names_the_bad_line(tmp_path, content, message):
    with pytest.raises(ValueError, match=message):
        read_labelled_csv(_csv(tmp_path, content), {"0": 0, "1": 1})


def test_read_labelled_csv_refuses_text_that_is_not_utf8(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("text,label\n傻瓜,1\n".encode("gbk"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_labelled_csv(path)
