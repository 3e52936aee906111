"""Run the project's own moderation cases through the synchronous pipeline and score them.

Each case file (`cases_*.csv` in this folder) has the columns text, expected (flag or allow),
kind (the evasion kind, "lookalike" or "newcomer"), language and note. A case runs as a note
does on its way in: its language is detected from the text (the `language` column only groups
the figures) and `selectors.screen_text` returns the verdict. "flag" cases pass when any action
is taken; "allow" cases pass only when none is (not even a label or limit).
"""

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crossnote.language.detection import detect_language
from crossnote.moderation.models import SEVERITY
from crossnote.moderation.selectors import screen_text

CASES_DIR = Path(__file__).resolve().parent
# Named case folders: "suite" is the one the tests hold to their floors; every folder beside it
# holding cases_*.csv is a held-out set by its folder name ("holdout", "holdout2" ...), written
# once before the rules it measures were changed and never tuned on (issue 17: the issuer's
# held-out suite has other sentences of the same kinds, so only general rules help).
CASE_SETS = {"suite": CASES_DIR} | {
    folder.name: folder
    for folder in sorted(CASES_DIR.iterdir())
    if folder.is_dir() and any(folder.glob("cases_*.csv"))
}
COLUMNS = ("text", "expected", "kind", "language", "note")
REQUIRED_COLUMNS = ("text", "expected", "kind", "language")
EXPECTED = ("flag", "allow")
HELD = ("hold", "remove")
ADVISORY_LAYERS = {"pii"}  # they warn the author and never act; left out of "how close" scores


@dataclass(frozen=True)
class Case:
    text: str
    expected: str  # "flag" or "allow"
    kind: str
    language: str
    note: str = ""
    source: str = ""  # the case file's set: cases_evasions.csv → "evasions"
    line: int = 0

    @property
    def abusive(self) -> bool:
        return self.expected == "flag"


@dataclass
class Outcome:
    case: Case
    action: str
    category: str = ""
    layer_scores: dict[str, float] = field(default_factory=dict)  # highest score per layer
    evidence: list[dict] = field(default_factory=list)  # the signals behind the action

    @property
    def flagged(self) -> bool:
        return self.action != "allow"

    @property
    def held(self) -> bool:
        return self.action in HELD

    @property
    def passed(self) -> bool:
        return self.flagged == self.case.abusive

    @property
    def score(self) -> float:
        """How strongly the layers that may act saw it (0 when none said anything)."""
        return max(
            (s for layer, s in self.layer_scores.items() if layer not in ADVISORY_LAYERS),
            default=0.0,
        )

    def as_dict(self) -> dict:
        case = self.case
        return {
            "text": case.text,
            "expected": case.expected,
            "kind": case.kind,
            "language": case.language,
            "note": case.note,
            "set": case.source,
            "line": case.line,
            "action": self.action,
            "category": self.category,
            "score": round(self.score, 4),
            "layer_scores": {k: round(v, 4) for k, v in sorted(self.layer_scores.items())},
            "evidence": self.evidence,
        }


# --- reading case files -----------------------------------------------------------------------


def read_cases(path: Path | str) -> list[Case]:
    """The cases of one UTF-8 CSV file. Raises ValueError naming the file and the column or
    line at fault (a missing or misspelt column, an unknown `expected`, an empty text)."""
    path = Path(path)
    source = path.stem.removeprefix("cases_")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _cases(path, source, csv.reader(handle))
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except csv.Error as error:
        raise ValueError(f"{path}: not a readable CSV file ({error})") from None


def _cases(path: Path, source: str, reader) -> list[Case]:
    header = next(reader, None)
    expected_header = ",".join(COLUMNS)
    if not header:
        raise ValueError(f"{path}: empty file; expected a header row {expected_header}")
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    unknown = [name for name in names if name not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
        raise ValueError(
            f"{path}: {'; '.join(problems)} (found: {', '.join(header)}); "
            f"expected {expected_header}"
        )
    at = {name: names.index(name) for name in COLUMNS if name in names}
    cases, line = [], reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            cases.append(_case(path, source, line, record, at))
        line = reader.line_num + 1  # a quoted field may span lines; report where a row starts
    return cases


def _case(path: Path, source: str, line: int, record: list[str], at: dict[str, int]) -> Case:
    where = f"{path}, line {line}"
    if len(record) > len(at):
        raise ValueError(
            f"{where}: {len(record)} fields, expected {len(at)} (quote a text with commas)"
        )
    values = {name: record[i].strip() if i < len(record) else "" for name, i in at.items()}
    text = record[at["text"]] if at["text"] < len(record) else ""
    if not text.strip():
        raise ValueError(f"{where}: empty text")
    if values["expected"] not in EXPECTED:
        raise ValueError(f"{where}: expected must be flag or allow, not {values['expected']!r}")
    for name in ("kind", "language"):
        if not values[name]:
            raise ValueError(f"{where}: empty {name}")
    return Case(
        text=text,
        expected=values["expected"],
        kind=values["kind"],
        language=values["language"],
        note=values.get("note", ""),
        source=source,
        line=line,
    )


def load_cases(directory: Path | str = CASES_DIR) -> list[Case]:
    """Every case of every cases_*.csv in `directory`, file by file in name order."""
    files = sorted(Path(directory).glob("cases_*.csv"))
    if not files:
        raise ValueError(f"{directory}: no cases_*.csv files")
    return [case for path in files for case in read_cases(path)]


class UnknownGroup(ValueError):
    """A --group / ?group= naming no set, kind or language of the cases."""

    def __init__(self, group: str, known: Sequence[str]):
        self.group, self.known = group, list(known)
        super().__init__(f"no cases in group {group!r}; groups: {', '.join(self.known)}")


def groups_of(case: Case) -> tuple[str, str, str]:
    return (case.source, case.kind, case.language)


def select(cases: Sequence[Case], group: str) -> list[Case]:
    """The cases in a group (a set such as "evasions", a kind such as "pinyin", or a language).

    Raises UnknownGroup (a ValueError) listing the groups there are when `group` names none."""
    if not group:
        return list(cases)
    chosen = [case for case in cases if group in groups_of(case)]
    if not chosen:
        raise UnknownGroup(group, sorted({name for case in cases for name in groups_of(case)}))
    return chosen


# --- running and scoring ----------------------------------------------------------------------


def screen_case(case: Case) -> Outcome:
    """One case through the synchronous pipeline, as a new note's text goes."""
    signals, verdict = screen_text(case.text, kind="note", language=detect_language(case.text).code)
    scores: dict[str, float] = {}
    for signal in signals:
        scores[signal.layer] = max(scores.get(signal.layer, 0.0), float(signal.score))
    return Outcome(
        case=case,
        action=str(verdict.action),
        category=verdict.category if verdict.acts else "",
        layer_scores=scores,
        evidence=[
            {
                "layer": s.layer,
                "category": s.category,
                "score": round(s.score, 4),
                "rule": s.rule,
                "detail": s.detail,
            }
            for s in verdict.signals[:3]
        ],  # fmt: skip
    )


def run_cases(
    cases: Iterable[Case], *, screen: Callable[[Case], Outcome] = screen_case
) -> list[Outcome]:
    return [screen(case) for case in cases]


def rates(outcomes: Sequence[Outcome]) -> dict:
    """Counts and rates of a group. A rate with nothing to divide by is None, never 0 or 1."""
    abusive = [o for o in outcomes if o.case.abusive]
    benign = [o for o in outcomes if not o.case.abusive]
    caught = sum(o.flagged for o in abusive)
    flagged = sum(o.flagged for o in benign)
    held = sum(o.held for o in benign)
    return {
        "n": len(outcomes),
        "abusive": len(abusive),
        "caught": caught,
        "catch_rate": _rate(caught, len(abusive)),
        "benign": len(benign),
        "flagged": flagged,
        "flagged_rate": _rate(flagged, len(benign)),
        "held": held,
        "held_rate": _rate(held, len(benign)),
    }


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def report(outcomes: Sequence[Outcome], *, errors: int = 20) -> dict:
    """Rates overall and per set, kind and language, and the failing cases (at most `errors`
    of each side: abusive cases missed with the lowest scores first, benign cases acted on with
    the most severe action and highest score first)."""
    by: dict[str, dict[str, list[Outcome]]] = {"set": {}, "kind": {}, "language": {}}
    for outcome in outcomes:
        case = outcome.case
        for axis, name in (("set", case.source), ("kind", case.kind), ("language", case.language)):
            by[axis].setdefault(name, []).append(outcome)
    missed = sorted((o for o in outcomes if o.case.abusive and not o.flagged), key=_miss_order)
    false_alarms = sorted(
        (o for o in outcomes if not o.case.abusive and o.flagged), key=_alarm_order
    )
    limit = max(errors, 0)
    result = {
        "overall": rates(outcomes),
        "groups": {
            axis: {name: rates(part) for name, part in sorted(parts.items())}
            for axis, parts in by.items()
        },
        "failures": {
            "missed": [o.as_dict() for o in missed[:limit]],
            "missed_total": len(missed),
            "false_alarms": [o.as_dict() for o in false_alarms[:limit]],
            "false_alarms_total": len(false_alarms),
        },
    }
    result["targets"] = targets(result["groups"]["set"])
    result["text"] = format_report(result)
    return result


# Issue 17's targets: what a moderator can trust. (set, figure, comparison, bound)
TARGETS = (
    ("evasions", "catch_rate", ">=", 0.95),
    ("lookalikes", "flagged_rate", "<=", 0.02),
    ("lookalikes", "held", "<=", 0),
    ("newcomers", "flagged", "<=", 0),
)


def targets(sets: dict[str, dict]) -> list[dict]:
    """Each target whose set was run: the bound, the figure achieved and whether it is met."""
    rows = []
    for name, figure, comparison, bound in TARGETS:
        value = sets.get(name, {}).get(figure)
        if value is None:
            continue
        met = value >= bound if comparison == ">=" else value <= bound
        rows.append(
            {"set": name, "figure": figure, "target": f"{comparison} {bound}", "value": value,
             "met": met}
        )  # fmt: skip
    return rows


def _miss_order(outcome: Outcome):
    return (outcome.score, outcome.case.source, outcome.case.line)


def _alarm_order(outcome: Outcome):
    return (
        -SEVERITY.get(outcome.action, 0),
        -outcome.score,
        outcome.case.source,
        outcome.case.line,
    )


def cases_directory(name_or_path: str) -> Path:
    """The folder of a named case set ("suite", "holdout", "holdout2") or a folder path holding
    cases_*.csv.
    Raises ValueError naming the sets there are when it is neither."""
    if name_or_path in CASE_SETS:
        return CASE_SETS[name_or_path]
    path = Path(name_or_path)
    if path.is_dir():
        return path
    raise ValueError(
        f"no case set or folder {name_or_path!r}; sets: {', '.join(CASE_SETS)} (or a folder path)"
    )


def run_suite(*, group: str = "", errors: int = 20, directory: Path | str = CASES_DIR) -> dict:
    """Load the cases (of one group, if named), run them and report."""
    return report(run_cases(select(load_cases(directory), group)), errors=errors)


# --- text output ------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _row(title: str, part: dict) -> str:
    cells = [f"{title:<16} n={part['n']:<4}"]
    if part["abusive"]:
        cells.append(f"caught {part['caught']}/{part['abusive']} ({_pct(part['catch_rate'])})")
    if part["benign"]:
        cells.append(
            f"benign flagged {part['flagged']}/{part['benign']} ({_pct(part['flagged_rate'])}), "
            f"held {part['held']} ({_pct(part['held_rate'])})"
        )
    return "  ".join(cells)


def _case_line(case: dict) -> str:
    scores = " ".join(f"{layer}={s:.2f}" for layer, s in case["layer_scores"].items()) or "-"
    action = case["action"] + (f" {case['category']}" if case["category"] else "")
    return (
        f"  {case['score']:.2f} {action:<20} [{scores}] {case['kind']}/{case['language']}: "
        f"{case['text']!r}" + (f"  ({case['note']})" if case["note"] else "")
    )


def format_report(result: dict) -> str:
    lines = [_row("all", result["overall"])]
    for axis, parts in result["groups"].items():
        lines.append(f"by {axis}:")
        lines.extend(_row(f"  {name}", part) for name, part in parts.items())
    if result.get("targets"):
        lines.append("targets:")
        lines.extend(
            f"  {'met ' if t['met'] else 'MISS'} {t['set']} {t['figure']} {t['target']}: {t['value']}"
            for t in result["targets"]
        )
    failures = result["failures"]
    for key, title in (
        ("missed", "abusive cases missed"),
        ("false_alarms", "benign cases acted on"),
    ):
        shown, total = failures[key], failures[f"{key}_total"]
        if total:
            lines.append(
                f"{title}: {total}" + (f" (first {len(shown)})" if len(shown) < total else "")
            )
            lines.extend(_case_line(case) for case in shown)
    return "\n".join(lines)
