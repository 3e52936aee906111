"""Translation quality you can see: chrF and BLEU on a parallel file, from the bench script and
`crossnote translation eval`, with the learner's view scored only as a labelled gloss string."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from crossnote.language.backends.base import BackendInfo, BackendUnavailable, TranslationBackend
from crossnote.language.backends.dictionary import DictionaryBackend
from crossnote.language.evaluation import (
    GLOSS_NOTE,
    EvaluationError,
    _chrf,
    chrf,
    evaluate,
    load_pairs,
    report,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "bench" / "data" / "social_zh_en.tsv"
PAIRS = [
    ("今天天气真好", "The weather is really nice today."),
    ("下周成都见！", "See you in Chengdu next week!"),
    ("我的猫每天都在睡觉。", "My cat sleeps all day, every day."),
]


class Perfect(TranslationBackend):
    """Answers with the reference: what a perfect engine scores."""

    info = BackendInfo(name="perfect", label="Perfect", is_local=True)

    def supports(self, source, target):
        return (source, target) == ("zh", "en")

    def translate_batch(self, segments, source, target):
        return [dict(PAIRS)[s] for s in segments]


class Down(Perfect):
    info = BackendInfo(name="down", label="Down", is_local=False)

    def translate_batch(self, segments, source, target):
        raise BackendUnavailable("server down")


class Chatty(Perfect):
    """Fails on one sentence only."""

    info = BackendInfo(name="chatty", label="Chatty", is_local=False)

    def translate_batch(self, segments, source, target):
        if segments[0] == "下周成都见！":
            raise BackendUnavailable("malformed reply")
        return ["something else entirely"] * len(segments)


# --- metrics ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hypotheses,references",
    [
        (["the cat sat on the mat"], ["the cat is on the mat"]),
        (["today weather really good"], ["The weather is really nice today."]),
        (["我今天很开心", "好久不见"], ["今天我很高兴", "好久不见了"]),
        (["x"], ["completely different"]),
    ],
)
def test_the_built_in_chrf_matches_sacrebleu(hypotheses, references):
    pytest.importorskip("sacrebleu")
    assert _chrf(hypotheses, references) == pytest.approx(chrf(hypotheses, references), abs=1e-4)


def test_a_perfect_engine_scores_full_marks_and_a_failing_one_is_counted():
    scores = {s.name: s for s in evaluate(PAIRS, "zh", "en", [Down(), Perfect()])}
    assert scores["perfect"].chrf == pytest.approx(1.0)
    assert scores["perfect"].bleu == pytest.approx(100.0)
    assert scores["down"].sentences == 0 and scores["down"].failed == 3
    assert scores["down"].chrf is None
    assert scores["chain"].chrf == pytest.approx(1.0)  # the chain falls through to perfect


def test_the_chain_takes_the_first_engine_that_answers_each_sentence():
    scores = {s.name: s for s in evaluate(PAIRS, "zh", "en", [Chatty(), Perfect()])}
    assert scores["chatty"].failed == 1 and scores["chatty"].chrf < 0.3
    chain = scores["chain"]
    assert chain.outputs[1] == "See you in Chengdu next week!"  # from perfect
    assert chain.outputs[0] == "something else entirely"  # chatty answered first
    assert chain.label == "chatty → perfect"


def test_the_learner_view_is_scored_as_a_labelled_gloss_string_never_a_sentence():
    scores = evaluate(PAIRS, "zh", "en", [DictionaryBackend()])
    gloss = scores[0]
    assert gloss.is_gloss and gloss.note == GLOSS_NOTE
    assert gloss.outputs[0] == "today weather really good"
    lines = "\n".join(report(PAIRS, scores, "zh", "en", examples=1))
    assert "not a translation" in lines and "learner's view" in lines


def test_engines_that_cannot_do_the_pair_are_listed_not_scored():
    scores = evaluate(PAIRS, "zh", "en", [Perfect(), DictionaryBackend()])
    with pytest.raises(EvaluationError, match="No engine"):
        evaluate([("Hallo", "你好")], "de", "zh", [Perfect(), DictionaryBackend()])
    lines = "\n".join(report(PAIRS, scores, "zh", "en"))
    assert "perfect" in lines and "chain" in lines


# --- parallel files ---------------------------------------------------------------------------


def test_a_tsv_with_a_header_serves_both_directions(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("# comment\nzh\ten\n你好\tHello\n谢谢\tThanks\n")
    assert load_pairs(path, "zh", "en") == [("你好", "Hello"), ("谢谢", "Thanks")]
    assert load_pairs(path, "en", "zh") == [("Hello", "你好"), ("Thanks", "谢谢")]
    bare = tmp_path / "bare.tsv"
    bare.write_text("你好\tHello\n")
    assert load_pairs(bare, "zh", "en") == [("你好", "Hello")]


def test_jsonl_by_language_code_or_source_and_reference(tmp_path):
    path = tmp_path / "pairs.jsonl"
    rows = [{"zh": "你好", "en": "Hello"}, {"source": "谢谢", "reference": "Thanks"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    assert load_pairs(path, "zh", "en") == [("你好", "Hello"), ("谢谢", "Thanks")]


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("empty.tsv", "# nothing\n", "no sentence pairs"),
        ("short.tsv", "zh\ten\n你好\n", "columns"),
        ("broken.jsonl", "{not json\n", "not JSON"),
        ("keys.jsonl", '{"fr": "Salut"}\n', "neither"),
    ],
)
def test_bad_parallel_files_get_a_clear_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(EvaluationError, match=message):
        load_pairs(path, "zh", "en")
    with pytest.raises(EvaluationError, match="Cannot read"):
        load_pairs(tmp_path / "missing.tsv", "zh", "en")


def test_the_shipped_file_has_fifty_everyday_pairs_both_ways():
    zh_en = load_pairs(SHIPPED, "zh", "en")
    assert len(zh_en) >= 50 and len(set(zh_en)) == len(zh_en)
    han = re.compile(r"[\u4e00-\u9fff]")
    assert all(han.search(zh) and not han.search(en) for zh, en in zh_en)
    assert load_pairs(SHIPPED, "en", "zh")[0] == (zh_en[0][1], zh_en[0][0])


# --- the CLI and the bench script -------------------------------------------------------------


def test_management_command_scores_and_labels_the_gloss(capsys):
    call_command("translation", "eval", str(SHIPPED), "--engines", "dictionary", "--limit", "5")
    out = capsys.readouterr().out
    assert "5 sentence pairs, zh→en" in out
    assert "chrF" in out and "BLEU" in out and GLOSS_NOTE in out
    assert "reference:" in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["--engines", "babelfish"], "Unknown engine 'babelfish'"),
        (["--limit", "0"], "--limit"),
        (["--from", "de", "--to", "zh"], "no de→zh columns"),
    ],
)
def test_management_command_refuses_bad_input_plainly(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("translation", "eval", str(SHIPPED), *args)


def test_crossnote_cli_runs_eval(capsys):
    from crossnote.cli import main

    main(["translation", "eval", str(SHIPPED), "--to", "zh", "--from", "en", "--limit", "3",
          "--engines", "dictionary", "--examples", "1"])  # fmt: skip
    out = capsys.readouterr().out
    assert "3 sentence pairs, en→zh" in out and "dictionary" in out


def test_bench_script_prints_scores_and_examples():
    done = subprocess.run(
        [sys.executable, "bench/translation_quality.py", "--engines", "dictionary", "--limit", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "4 sentence pairs, zh→en" in done.stdout and "source:" in done.stdout
    bad = subprocess.run(
        [sys.executable, "bench/translation_quality.py", "/nonexistent.tsv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "Cannot read" in bad.stderr
