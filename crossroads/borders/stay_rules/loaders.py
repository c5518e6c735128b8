"""Load the default stay rules shipped in ``borders/data/stay_rules.yaml``.

A rule is found again by its country and name, so loading twice changes nothing and a
corrected legal basis updates the rule. Every entry is checked before anything is
written; rules that would make the choice between two rules arbitrary are refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crossroads.borders.choices import PermitKind, StayRuleKind
from crossroads.borders.models import StayRule
from crossroads.borders.stay_rules.services import overlapping_rules
from crossroads.people.choices import DocumentKind
from crossroads.reference.loaders.common import LoadResult, upsert
from crossroads.reference.loaders.errors import Problem, ReferenceDataError
from crossroads.reference.loaders.yamlsource import YamlSource
from crossroads.reference.models import Country

STAY_RULES_YAML = Path(__file__).resolve().parent.parent / "data" / "stay_rules.yaml"
KEYS = {"country", "name", "nationality", "document_kind", "permit_kind", "kind", "days",
        "window", "valid_from", "valid_to", "legal_basis", "source"}
CHOICES = {"kind": StayRuleKind.values, "permit_kind": PermitKind.values,
           "document_kind": DocumentKind.values}


def entry_problems(source: YamlSource, index: int, entry: Any,
                   countries: dict[str, Country]) -> list[Problem]:
    """Problems with one rule entry, each at the line of the faulty value."""
    if not isinstance(entry, dict):
        return [source.problem("a rule must be a mapping", "rules", index)]
    problems = []

    def problem(message: str, key: str | None = None) -> None:
        path = ("rules", index, key) if key else ("rules", index)
        problems.append(source.problem(message, *path))

    for key in ("country", "nationality"):
        code = entry.get(key)
        if (key == "country" or code is not None) and code not in countries:
            problem(f"unknown {key} {code!r} (an ISO alpha-3 code of a loaded country)", key)
    for key in ("name", "legal_basis"):
        text = entry.get(key)
        if not isinstance(text, str) or not text.strip() or len(" ".join(text.split())) > (
                200 if key == "name" else 300):
            problem(f"{key} must be text of 1 to {200 if key == 'name' else 300} characters",
                    key)
    for key, allowed in CHOICES.items():
        if key in entry and entry[key] not in allowed:
            problem(f"unknown {key} {entry[key]!r}", key)
    for key in ("days", "window"):
        if key in entry and not (isinstance(entry[key], int) and 0 < entry[key] <= 32767):
            problem(f"{key} must be a whole number of days", key)
    for key in ("valid_from", "valid_to"):
        if key in entry and not isinstance(entry[key], date):
            problem(f"{key} must be a date (YYYY-MM-DD)", key)
    if unknown := set(entry) - KEYS:
        problem(f"unknown key(s): {', '.join(sorted(unknown))}")
    return problems


def rule_values(entry: dict[str, Any], countries: dict[str, Country]) -> dict[str, Any]:
    """The model fields of a checked entry (the country and name are the lookup)."""
    nationality = entry.get("nationality")
    return {"nationality": countries[nationality] if nationality else None,
            "document_kind": entry.get("document_kind", ""),
            "permit_kind": entry.get("permit_kind", ""), "kind": entry["kind"],
            "days": entry.get("days"), "window": entry.get("window"),
            "valid_from": entry.get("valid_from"), "valid_to": entry.get("valid_to"),
            "legal_basis": " ".join(entry["legal_basis"].split())}


def model_problems(source: YamlSource, index: int, rule: StayRule) -> list[Problem]:
    """What the model and the choice of rules refuse (days missing, overlapping rules)."""
    try:
        rule.full_clean(validate_unique=False)
    except ValidationError as error:
        return [source.problem(f"{field}: {' '.join(str(m) for m in messages)}",
                               "rules", index, field if field != "__all__" else "name")
                for field, messages in error.message_dict.items()]
    clash = overlapping_rules(rule).first()
    if clash is not None:
        return [source.problem(f"same travellers and dates as the rule {clash.name!r}",
                               "rules", index)]
    return []


def load_stay_rules(path: Path | str | None = None) -> LoadResult:
    """Create or update stay rules from a YAML file (default: the shipped one).

    Raises :class:`ReferenceDataError` listing every problem; then nothing is written.
    """
    source = YamlSource.read(Path(path) if path is not None else STAY_RULES_YAML)
    entries = source.data.get("rules") if isinstance(source.data, dict) else None
    if not isinstance(entries, list):
        raise ReferenceDataError([source.problem("expected a list under 'rules'")])
    countries = {c.iso3: c for c in Country.objects.all()}
    problems = [p for i, e in enumerate(entries) for p in entry_problems(source, i, e, countries)]
    if problems:
        raise ReferenceDataError(problems)
    result = LoadResult()
    with transaction.atomic():
        for index, entry in enumerate(entries):
            lookup = {"country": countries[entry["country"]],
                      "name": " ".join(entry["name"].split())}
            rule = upsert(StayRule, lookup, rule_values(entry, countries), result)
            problems += model_problems(source, index, rule)
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ReferenceDataError(problems)
    return result
