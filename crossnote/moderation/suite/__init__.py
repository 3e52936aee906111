"""The moderation regression suite: the project's own evasion, look-alike and newcomer cases.

`crossnote moderation suite` and `GET /api/v1/moderation/suite` run them through the pipeline
(`runner.run_suite`); `tests/moderation/test_suite.py` holds the rates to their floors.
"""

from crossnote.moderation.suite.runner import (
    CASE_SETS,
    CASES_DIR,
    Case,
    Outcome,
    UnknownGroup,
    cases_directory,
    load_cases,
    rates,
    read_cases,
    report,
    run_cases,
    run_suite,
    select,
)

__all__ = [
    "CASE_SETS",
    "CASES_DIR",
    "Case",
    "Outcome",
    "UnknownGroup",
    "cases_directory",
    "load_cases",
    "rates",
    "read_cases",
    "report",
    "run_cases",
    "run_suite",
    "select",
]
