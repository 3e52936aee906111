"""Hook events are a catalogue (crossnote.core.hooks.CATALOGUE): every name the code registers
or fires is in it, each catalogued event is fired somewhere and handled somewhere, and an
unknown name raises instead of silently doing nothing."""

import ast
from pathlib import Path

import pytest

from crossnote.core import hooks

PACKAGE = Path(hooks.__file__).resolve().parents[1]


def _calls() -> dict[str, set[str]]:
    """{'register': names, 'collect': names} as written in the code (constants resolved)."""
    found: dict[str, set[str]] = {"register": set(), "collect": set()}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        # A bare register()/collect() is a hook call only when imported from the hooks module
        # (crossnote.core.data_rights has a register() of its own).
        from_hooks = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "crossnote.core.hooks"
            for alias in node.names
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in found:
                continue
            if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") != "hooks":
                continue
            if isinstance(func, ast.Name) and name not in from_hooks:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found[name].add(first.value)
            elif isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name):
                found[name].add(getattr(hooks, first.attr, f"<unknown {first.attr}>"))
            elif isinstance(first, ast.Name):
                found[name].add(getattr(hooks, first.id, f"<{first.id}>"))
    return found


def test_every_event_the_code_uses_is_catalogued_fired_and_handled():
    calls = _calls()
    used = calls["register"] | calls["collect"]
    assert used, "the scan found no hook calls: it no longer matches the code"
    unknown = sorted(n for n in used if n not in hooks.CATALOGUE)
    assert not unknown, f"hook names missing from the catalogue: {unknown}"
    never_fired = sorted(set(hooks.CATALOGUE) - calls["collect"])
    never_handled = sorted(set(hooks.CATALOGUE) - calls["register"])
    assert not never_fired, f"catalogued but never fired: {never_fired}"
    assert not never_handled, f"fired but nothing handles them: {never_handled}"


def test_an_unknown_event_raises():
    with pytest.raises(KeyError, match="unknown hook event 'screen_draft'"):
        hooks.collect("screen_draft", text="x")
    with pytest.raises(KeyError):
        hooks.register("user_erased", lambda **_: None)


def test_the_constants_name_their_events():
    for name, event in hooks.CATALOGUE.items():
        assert getattr(hooks, event.constant) == name
