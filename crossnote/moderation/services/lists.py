"""The lists moderation acts on: policies as YAML (import all or nothing, errors name the line;
export), hash lists (ThreatExchange / HMA CSV), and the defaults a fresh install starts with
(default policies, starter term lists, moderator groups)."""

from pathlib import Path

import yaml
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from crossnote.core.errors import InvalidInput
from crossnote.moderation import pipeline
from crossnote.moderation.detectors.base import LAYERS
from crossnote.moderation.detectors.hashes import HashEntry, HashListError, export_csv, import_csv
from crossnote.moderation.engine import forget_policies
from crossnote.moderation.models import AccountAction, Action, Policy, Term, TermList
from crossnote.moderation.models import HashEntry as HashRow
from crossnote.moderation.roles import MODERATOR, SENIOR
from crossnote.moderation.seed_terms import starter_entries

POLICIES_FILE = Path(__file__).resolve().parents[1] / "default_policies.yaml"
GROUPS = [MODERATOR, SENIOR]

FIELDS = {
    "name",
    "category",
    "layer",
    "min_score",
    "action",
    "account_action",
    "regions",
    "legal_basis",
    "applies_to",
    "label_text",
    "guideline",
    "enabled",
}
KINDS = {"note", "comment", "profile", "image"}


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line each mapping starts on."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {
        key.value: key.start_mark.line + 1 for key, _value in node.value if hasattr(key, "value")
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _error(line, message) -> InvalidInput:
    return InvalidInput(_("Line %(line)s: %(message)s") % {"line": line, "message": message})


def _check(item: dict) -> dict:
    start = item.pop("__line__", "?")
    lines = item.pop("__lines__", {})

    def _error(field, message):  # noqa: N802 - the field's own line, else the entry's
        return InvalidInput(
            _("Line %(line)s: %(message)s") % {"line": lines.get(field, start), "message": message}
        )

    return _check_fields(item, _error)


def check_policy(item: dict) -> dict:
    """The YAML import's checks for one policy's fields (the admin form asks here too);
    InvalidInput names the field at fault."""
    return _check_fields(item, lambda field, message: InvalidInput(message, field=field))


def _check_fields(item: dict, _error) -> dict:
    unknown = set(item) - FIELDS
    if unknown:
        field = sorted(unknown)[0]
        raise _error(field, _("unknown field %(f)s") % {"f": ", ".join(sorted(unknown))})
    for required in ("name", "category", "action"):
        if not str(item.get(required) or "").strip():
            raise _error(required, _("“%(f)s” is required") % {"f": required})
    if item["action"] not in Action.values:
        raise _error("action", _("action must be one of %(v)s") % {"v": ", ".join(Action.values)})
    if (item.get("layer") or "") not in ("", *LAYERS):
        raise _error(
            "layer",
            _("layer must be empty (any layer) or one of %(v)s") % {"v": ", ".join(LAYERS)},
        )
    if item.get("account_action", "") not in AccountAction.values:
        raise _error("account_action", _("account_action must be warn, suspend or empty"))
    try:
        score = float(item.get("min_score", 0.5))
    except (TypeError, ValueError):
        raise _error("min_score", _("min_score must be a number")) from None
    if not 0 <= score <= 1:
        raise _error("min_score", _("min_score must be between 0 and 1"))
    item["min_score"] = score
    for key in ("regions", "applies_to"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _error(key, _("%(f)s must be a list of codes") % {"f": key})
    if any(len(r) != 2 for r in item.get("regions", [])):
        raise _error("regions", _("regions are two-letter ISO 3166 codes"))
    if set(item.get("applies_to", [])) - KINDS:
        raise _error("applies_to", _("applies_to accepts note, comment, profile, image"))
    if item["action"] == Action.WITHHOLD and not item.get("regions"):
        raise _error("action", _("a withhold policy needs regions"))
    return item


def import_policies(text: str, *, replace: bool = False) -> int:
    """Create or update policies from YAML text; nothing changes if any entry is invalid."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise _error(
            line, _("not valid YAML (%(why)s)") % {"why": getattr(exc, "problem", exc)}
        ) from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InvalidInput(_("The file must be a YAML list of policies."))
    items = [_check(dict(item)) for item in data]
    names = [item["name"] for item in items]
    if len(set(names)) != len(names):
        raise InvalidInput(_("Two policies share a name; names must be unique."))
    with transaction.atomic():
        if replace:
            Policy.objects.exclude(name__in=names).delete()
        for item in items:
            Policy.objects.update_or_create(name=item.pop("name"), defaults=item)
    forget_policies()
    return len(items)


def export_policies() -> str:
    rows = []
    for policy in Policy.objects.order_by("name"):
        row = {"name": policy.name, "category": policy.category, "action": policy.action}
        for key in sorted(FIELDS - {"name", "category", "action"}):
            value = getattr(policy, key)
            if value not in ("", [], None) and not (key == "enabled" and value is True):
                row[key] = value
        rows.append(row)
    return yaml.safe_dump(rows, allow_unicode=True, sort_keys=False)


# --- hash lists -------------------------------------------------------------------------------


def import_hash_list(fileobj, *, category: str, source: str) -> int:
    """Load a hash list (ThreatExchange / HMA CSV forms); all or nothing."""
    try:
        entries = import_csv(fileobj, default_category=category, source=source)
    except HashListError as exc:
        raise InvalidInput(str(exc)) from exc
    with transaction.atomic():
        for entry in entries:
            HashRow.objects.update_or_create(
                kind=entry.kind,
                value=entry.value,
                defaults={
                    "category": entry.category,
                    "source": entry.source or source,
                    "note": entry.note[:200],
                },
            )
    pipeline.lists_changed()
    return len(entries)


def export_hash_list(fileobj) -> None:
    """Write every stored hash as CSV (the form import_hash_list reads)."""
    export_csv(
        (
            HashEntry(
                kind=r.kind,
                value=r.value,
                category=r.category,
                source=r.source,
                note=r.note,
                id=r.pk,
            )
            for r in HashRow.objects.order_by("pk")
        ),
        fileobj,
    )


# --- defaults ---------------------------------------------------------------------------------


def ensure_defaults() -> None:
    """Put back any missing default policy, starter term list or moderator group. The
    migrations load these once; this is used by tests that flush the database, and is safe to
    run on a live instance: it never changes rows."""
    for name in GROUPS:
        Group.objects.get_or_create(name=name)
    for item in yaml.safe_load(POLICIES_FILE.read_text()):
        Policy.objects.get_or_create(name=item.pop("name"), defaults=item)
    if not Term.objects.exists():
        lists = {}
        for entry in starter_entries():
            if entry.list_name not in lists:
                lists[entry.list_name], _created = TermList.objects.get_or_create(
                    name=entry.list_name,
                    defaults={
                        "category": entry.category,
                        "language": entry.language,
                        "regions": list(entry.regions),
                        "description": "Starter list shipped with Crossnote",
                    },
                )
            Term.objects.get_or_create(
                term_list=lists[entry.list_name],
                term=entry.term,
                defaults={"exceptions": list(entry.exceptions), "ambiguous": entry.ambiguous},
            )
    forget_policies()
    pipeline.lists_changed()
