"""The labelled data the shipped classifier is trained and checked on, inside the package.

`crossnote/moderation/data/` holds COLD (train and dev, Apache-2.0), Davidson et al. (MIT) and the
OLID training set (OffensEval 2019, cited in data/README.md), so training, the learning loop and
the tests work from the repository alone: an operator's server has no developer folders beside it.
Readers return `LabelledRow`s with label 1 offensive, 0 safe. The project's own labelled sentences
(the regression suite's case sets, `own_cases`) and the moderators' decisions
(`labelled_decisions`, the learning loop's examples) are read here too.
"""

import csv
from collections.abc import Sequence
from pathlib import Path

from crossnote.moderation.categories import HARASSMENT, HATE, PROFANITY
from crossnote.moderation.evaluation import LabelledRow, read_labelled_csv
from crossnote.moderation.models import Action, Appeal, ReviewItem
from crossnote.moderation.suite.runner import CASE_SETS, load_cases

DATA_DIR = Path(__file__).resolve().parent / "data"
OFFENSIVE_LABELS = {"0": 0, "1": 1}
STARTER_FILES = ("cold_train.csv", "cold_dev.csv", "davidson_labeled.csv")


def default_data_dir() -> Path:
    """The data folder shipped inside the package."""
    return DATA_DIR


def read_cold(path: Path) -> list[LabelledRow]:
    """COLD rows (columns ,split,topic,label,TEXT): label 1 offensive, 0 safe; all Chinese."""
    return read_labelled_csv(path, OFFENSIVE_LABELS, language="zh")


def read_davidson(path: Path) -> tuple[list[LabelledRow], list[str]]:
    """Davidson tweets as offensive (class 0 hate, 1 offensive) or safe (class 2 neither).

    Also returns the original classes, so a split can be stratified on them."""
    rows, classes = [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            if record.get("class") not in ("0", "1", "2") or record.get("tweet") is None:
                raise ValueError(f"{path}, line {line}: expected columns class (0-2) and tweet")
            rows.append(LabelledRow(record["tweet"], int(record["class"] != "2"), "en"))
            classes.append(record["class"])
    return rows, classes


def split_davidson(path: Path, seed: int) -> tuple[list[LabelledRow], list[LabelledRow]]:
    """80% to train on, 20% held out, stratified by hate/offensive/neither."""
    from sklearn.model_selection import train_test_split

    rows, classes = read_davidson(path)
    train_rows, held_out = train_test_split(
        rows, test_size=0.2, random_state=seed, stratify=classes
    )
    return train_rows, held_out


def read_olid(path: Path) -> list[LabelledRow]:
    """OLID tweets (columns id,tweet,subtask_a): OFF offensive → 1, NOT → 0; all English."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            label = record.get("subtask_a")
            if label not in ("OFF", "NOT") or record.get("tweet") is None:
                raise ValueError(f"{path}, line {line}: expected columns tweet and subtask_a")
            rows.append(LabelledRow(record["tweet"], int(label == "OFF"), "en"))
    return rows


OLID_FILE = "olid_train.csv"


def split_olid(
    path: Path, seed: int
) -> tuple[list[LabelledRow], list[LabelledRow], list[LabelledRow]]:
    """70% to train on, 15% to calibrate and choose thresholds on, 15% held out for evaluation
    (never used to build or tune a model), stratified by label."""
    from sklearn.model_selection import train_test_split

    rows = read_olid(path)
    fit, rest = train_test_split(
        rows, test_size=0.3, random_state=seed, stratify=[r.label for r in rows]
    )
    validation, held_out = train_test_split(
        rest, test_size=0.5, random_state=seed, stratify=[r.label for r in rest]
    )
    return fit, validation, held_out


def halves(rows: list[LabelledRow], seed: int) -> tuple[list[LabelledRow], list[LabelledRow]]:
    """A stratified 50/50 split: validation (calibration, thresholds), then test."""
    from sklearn.model_selection import train_test_split

    validation, test = train_test_split(
        rows, test_size=0.5, random_state=seed, stratify=[r.label for r in rows]
    )
    return validation, test


def starter_splits(data_dir: Path, seed: int = 0) -> dict[str, list[LabelledRow]]:
    """Every split the shipped model is built and checked on, by name.

    cold_train, davidson_train, olid_fit: trained on. cold_dev and davidson_held_out are never
    trained on; each is halved: cold_validation, davidson_validation (with olid_validation:
    calibration and thresholds) and cold_test, davidson_test, olid_held_out (only ever scored).
    The OLID splits are there when data_dir has olid_train.csv."""
    splits = {
        "cold_train": read_cold(data_dir / "cold_train.csv"),
        "cold_dev": read_cold(data_dir / "cold_dev.csv"),
    }
    splits["davidson_train"], splits["davidson_held_out"] = split_davidson(
        data_dir / "davidson_labeled.csv", seed
    )
    splits["cold_validation"], splits["cold_test"] = halves(splits["cold_dev"], seed)
    splits["davidson_validation"], splits["davidson_test"] = halves(
        splits["davidson_held_out"], seed
    )
    if (data_dir / OLID_FILE).is_file():
        fit, validation, held_out = split_olid(data_dir / OLID_FILE, seed)
        splits.update(olid_fit=fit, olid_validation=validation, olid_held_out=held_out)
    return splits


# Which splits train a model (source name → split) and which validate it (language group →
# splits), for the shipped model and for the learning loop's retraining.
TRAIN_SPLITS = {"cold": "cold_train", "davidson": "davidson_train", "olid": "olid_fit"}
VALIDATION_SPLITS = {"zh": ("cold_validation",), "en": ("davidson_validation", "olid_validation")}
# Never trained or tuned on: the figures a model is judged by.
TEST_SPLITS = ("cold_test", "davidson_test", "olid_held_out")


# --- the project's own cases as examples ---------------------------------------------------------

# The case sets of crossnote/moderation/suite (people wrote them: evasions to flag, look-alikes and
# newcomer posts to allow) that the classifier's stack trains on (issue 17: meaning, not wording).
# A set is either here or in BLIND_CASE_SETS, never both: a blind set is the measure of what was
# learnt, so nothing that trains may open its files.
OWN_CASE_SETS = (
    "suite",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",  # tuned on in session 18 (helper modtune10): blind no longer
    "holdout9",  # tuned on in session 18 (helper modtune10): blind no longer
    "holdout10",  # tuned on in session 19 (helper modtune11): blind no longer
    "train9",  # written to train on, never a measure (session 15)
    "holdout11",  # tuned on in session 21 (helper modtune13): blind no longer
    "holdout12",  # tuned on in session 21 (helper modtune13): blind no longer
    "holdout13",  # tuned on in session 22 (helper modtune14): blind no longer
    "holdout14",  # tuned on in session 24 (helper modtune17): blind no longer
    "holdout15",  # tuned on in session 25 (helper modtune18): blind no longer
)
# Every set is one or the other; holdout11 and holdout12 (blind in sessions 19 and 20) were tuned
# on in session 21; holdout13 (blind in session 21) was tuned on in session 22; holdout14 (blind in
# sessions 22 and 23) was tuned on in session 24, when holdout15 (declared blind in session 23)
# stayed blind and holdout16 was declared blind; holdout15 was opened in session 25, once
# holdout17 had been written and declared blind (holdout16 stays blind).
BLIND_CASE_SETS: frozenset[str] = frozenset({"holdout16", "holdout17"})
# Evasions of these kinds are not offensive language (the classifier's question), as a note
# removed as spam teaches it nothing (OFFENSIVE_CATEGORIES): taught as offensive, "dm me" and
# "add my wechat" made a newcomer's "DM me if you want to practise Chinese" score as abuse.
NOT_OFFENSIVE_KINDS = frozenset({"spam", "scam"})


def own_cases(
    names: Sequence[str] = OWN_CASE_SETS,
    *,
    parts: Sequence[str] = ("evasions", "lookalikes", "newcomers"),
) -> dict[str, list[LabelledRow]]:
    """The named case sets as labelled rows, by set: evasions 1 (offensive; not those of
    NOT_OFFENSIVE_KINDS), look-alikes and newcomer posts 0, each with the language its author
    gave ("zh", "en", "mixed"). `parts`: which files of each set (("newcomers",): the newcomer
    posts alone).

    Raises ValueError for a blind set or a name that is no case set; reads no other set."""
    blind = sorted(BLIND_CASE_SETS & set(names))
    if blind:
        raise ValueError(f"{', '.join(blind)}: a blind case set, never trained on")
    unknown = [name for name in names if name not in CASE_SETS]
    if unknown:
        known = ", ".join(n for n in CASE_SETS if n not in BLIND_CASE_SETS)
        raise ValueError(f"no case set {', '.join(unknown)}; sets: {known}")
    return {
        name: [
            LabelledRow(case.text, int(case.abusive), case.language)
            for case in load_cases(CASE_SETS[name])
            if case.source in parts and not (case.abusive and case.kind in NOT_OFFENSIVE_KINDS)
        ]
        for name in names
    }


# --- the moderators' decisions as examples ----------------------------------------------------

# The classifier scores offensive language, so only decisions about it teach it anything: a
# note removed as spam is not evidence that its words are abusive.
OFFENSIVE_CATEGORIES = frozenset({PROFANITY, HARASSMENT, HATE})
ACTING_OUTCOMES = frozenset(
    {Action.LABEL, Action.LIMIT, Action.WITHHOLD, Action.HOLD, Action.REMOVE}
)
APPROVE = "approve"


def _label(outcome: str, category: str) -> int | None:
    """1 offensive, 0 not, None when the decision says nothing about offensive language."""
    if outcome in (APPROVE, Action.ALLOW):
        return 0
    if outcome in ACTING_OUTCOMES and category in OFFENSIVE_CATEGORIES:
        return 1
    return None


def labelled_decisions() -> list[LabelledRow]:
    """Every human-decided review item with its text, as a (text, label, language) example.

    - approve (any category) → 0: a moderator found nothing to restrict;
    - label, limit, withhold or remove in profanity, harassment or hate → 1;
    - any other outcome (e.g. removed as spam) → not an example; escalations are not decisions.
    One example per piece of content: a later decision about it supersedes an earlier one, so
    an appeal that reverses a decision flips the original item's label to 0, and an upheld
    appeal keeps it.
    """
    return list(decision_examples().values())


def decision_examples() -> dict[tuple[str, int], LabelledRow]:
    """labelled_decisions() keyed by (kind, object_id), which decides the held-out split."""
    items = (
        ReviewItem.objects.filter(status=ReviewItem.Status.DECIDED, decided_by__isnull=False)
        .select_related("appeal")
        .order_by("decided_at", "pk")
    )
    examples: dict[tuple[str, int], dict] = {}
    for item in items:
        label: int | None
        if item.appeal is not None and item.appeal.status == Appeal.Status.REVERSED:
            label = 0
        else:  # an upheld appeal's outcome is the original action
            label = _label(item.outcome, item.category)
        key = (item.kind, item.object_id)
        if key in examples:
            # Keep the text the first decision saw (an appeal item may hold only the body).
            examples[key]["label"] = label
        elif item.content_text.strip():
            examples[key] = {"text": item.content_text, "label": label, "lang": item.language}
    return {
        key: LabelledRow(e["text"], e["label"], e["lang"])
        for key, e in examples.items()
        if e["label"] is not None
    }
