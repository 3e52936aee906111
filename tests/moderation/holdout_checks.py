"""The two checks every held-out moderation set gets (tests/moderation/test_moderation_holdout3.py
onwards): it is its own sentences, big enough in both languages, and the pipeline holds its floors."""

from crossnote.moderation.suite import cases_directory, load_cases, run_suite


def check_its_own_sentences(
    name: str,
    earlier: tuple[str, ...],
    *,
    lookalikes: int,
    evasions: int,
    newcomers: int,
    per_language: int,
) -> None:
    """No sentence of set `name` is in an `earlier` set; it has at least so many look-alikes,
    evasions and newcomer posts, and both look-alikes and evasions at least `per_language` in
    English and in Chinese."""
    seen = {
        case.text.lower()
        for earlier_set in earlier
        for case in load_cases(cases_directory(earlier_set))
    }
    cases = load_cases(cases_directory(name))
    by_set = {part: [c for c in cases if c.source == part] for part in ("evasions", "lookalikes")}
    assert len(by_set["lookalikes"]) >= lookalikes and len(by_set["evasions"]) >= evasions
    assert sum(c.source == "newcomers" for c in cases) >= newcomers
    assert not seen & {case.text.lower() for case in cases}
    for part, part_cases in by_set.items():
        languages = [c.language for c in part_cases]
        assert languages.count("en") >= per_language and languages.count("zh") >= per_language, part


def check_floors(name: str, floors: dict) -> None:
    """The pipeline on set `name` catches at least, and flags or holds at most, its floors."""
    result = run_suite(errors=0, directory=cases_directory(name))
    sets = result["groups"]["set"]
    assert result["overall"]["catch_rate"] >= floors["catch_rate"], result["text"]
    assert sets["lookalikes"]["flagged_rate"] <= floors["lookalikes_flagged_rate"], result["text"]
    assert result["overall"]["held"] <= floors["benign_held"], result["text"]
    assert sets["newcomers"]["flagged"] <= floors["newcomers_flagged"], result["text"]
