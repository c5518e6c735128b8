"""Load the international instruments shipped in data/instruments.yaml and the
self-assessment indicators shipped in data/assessment_indicators.yaml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from crossroads.governance.choices import AssessmentDomain
from crossroads.governance.models import AssessmentIndicator, InternationalInstrument
from crossroads.reference.loaders.common import LoadResult, upsert
from crossroads.reference.loaders.errors import Problem, ReferenceDataError
from crossroads.reference.loaders.yamlsource import YamlSource

INSTRUMENTS_YAML = Path(__file__).resolve().parent / "data" / "instruments.yaml"
TEXT_FIELDS = {"title": 300, "organisation": 200}


def entry_problems(source: YamlSource, index: int, entry: Any) -> list[Problem]:
    """Problems with one instrument entry, each at the line of the faulty value."""
    if not isinstance(entry, dict):
        return [source.problem("an instrument must be a mapping", "instruments", index)]
    problems = []
    code = entry.get("code")
    if not isinstance(code, str) or not code or slugify(code) != code or len(code) > 40:
        problems.append(source.problem(f"invalid code {code!r}", "instruments", index, "code"))
    for name, limit in TEXT_FIELDS.items():
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            message = f"{name} must be text of 1 to {limit} characters"
            problems.append(source.problem(message, "instruments", index, name))
    year = entry.get("adopted_year")
    if not isinstance(year, int) or not 1800 <= year <= 2100:
        problems.append(source.problem(f"invalid adopted_year {year!r}", "instruments", index,
                                       "adopted_year"))
    unknown = set(entry) - {"code", "title", "adopted_year", "organisation", "url"}
    if unknown:
        message = f"unknown key(s): {', '.join(sorted(unknown))}"
        problems.append(source.problem(message, "instruments", index))
    return problems


EntryCheck = Callable[[YamlSource, int, Any], list[Problem]]


def validated_entries(source: YamlSource, key: str, check: EntryCheck) -> list[Any]:
    """The entries listed under ``key``, each checked by ``check`` and their codes
    unique; raises :class:`ReferenceDataError` with every problem found."""
    entries = source.data.get(key) if isinstance(source.data, dict) else None
    if not isinstance(entries, list):
        raise ReferenceDataError([source.problem(f"expected a list under '{key}'")])
    problems = [p for i, entry in enumerate(entries) for p in check(source, i, entry)]
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str):
            continue
        if code in seen:
            message = f"duplicate code {code!r} (also entry {seen[code] + 1})"
            problems.append(source.problem(message, key, index, "code"))
        seen.setdefault(code, index)
    if problems:
        raise ReferenceDataError(problems)
    return entries


def load_instruments(path: Path | str | None = None) -> LoadResult:
    """Create or update instruments from a YAML file (default: the shipped one).

    Every entry is checked before anything is written; problems raise
    :class:`ReferenceDataError` with file and line. Loading twice changes nothing.
    """
    source = YamlSource.read(Path(path) if path is not None else INSTRUMENTS_YAML)
    entries = validated_entries(source, "instruments", entry_problems)
    result = LoadResult()
    with transaction.atomic():
        for entry in entries:
            values = {"title": " ".join(entry["title"].split()),
                      "adopted_year": entry["adopted_year"],
                      "organisation": entry["organisation"].strip(),
                      "url": entry.get("url") or ""}
            upsert(InternationalInstrument, {"code": entry["code"]}, values, result)
    return result


ASSESSMENT_INDICATORS_YAML = (Path(__file__).resolve().parent / "data"
                              / "assessment_indicators.yaml")
INDICATOR_KEYS = {"code", "domain", "question", "position"}


def indicator_problems(source: YamlSource, index: int, entry: Any) -> list[Problem]:
    """Problems with one indicator entry, each at the line of the faulty value."""
    if not isinstance(entry, dict):
        return [source.problem("an indicator must be a mapping", "indicators", index)]
    problems = []
    code = entry.get("code")
    if not isinstance(code, str) or not code or slugify(code) != code or len(code) > 40:
        problems.append(source.problem(f"invalid code {code!r}", "indicators", index, "code"))
    domain = entry.get("domain")
    if domain not in AssessmentDomain.values:
        problems.append(source.problem(f"unknown domain {domain!r}", "indicators", index,
                                       "domain"))
    question = entry.get("question")
    if not isinstance(question, str) or not question.strip():
        problems.append(source.problem("question must be text", "indicators", index,
                                       "question"))
    position = entry.get("position", 0)
    if not isinstance(position, int) or not 0 <= position <= 32767:
        problems.append(source.problem(f"invalid position {position!r}", "indicators", index,
                                       "position"))
    unknown = set(entry) - INDICATOR_KEYS
    if unknown:
        message = f"unknown key(s): {', '.join(sorted(unknown))}"
        problems.append(source.problem(message, "indicators", index))
    return problems


def load_assessment_indicators(path: Path | str | None = None) -> LoadResult:
    """Create or update self-assessment indicators from a YAML file (default: the shipped one).

    Every entry is checked before anything is written, and all are written in one
    transaction. Loading twice changes nothing.
    """
    source = YamlSource.read(Path(path) if path is not None else ASSESSMENT_INDICATORS_YAML)
    entries = validated_entries(source, "indicators", indicator_problems)
    result = LoadResult()
    with transaction.atomic():
        for entry in entries:
            values = {"domain": entry["domain"],
                      "question": " ".join(entry["question"].split()),
                      "position": entry.get("position", 0)}
            upsert(AssessmentIndicator, {"code": entry["code"]}, values, result)
    return result
