"""Load the evidence base's own reference data: statistical areas, the crosswalk, indicators.

All of it is checked before anything is written; loading twice changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from crossroads.evidence.choices import AreaKind, FormulaKind, Unit
from crossroads.evidence.crosswalk import normalise_label
from crossroads.evidence.models import Area, AreaAlias, Indicator
from crossroads.reference.loaders.common import LoadResult, read_csv, upsert
from crossroads.reference.loaders.errors import Problem, ReferenceDataError
from crossroads.reference.models import Country, Region

DATA_DIR = Path(__file__).resolve().parent / "data"
CROSSWALK_DIR = DATA_DIR / "crosswalk"
INDICATORS_FILE = DATA_DIR / "indicators.yaml"
AREA_KINDS = {kind.value for kind in AreaKind}


def sync_reference_areas(result: LoadResult) -> dict[str, Area]:
    """One area per country and territory and per Crossroads region, with their aliases."""
    areas = {}
    for country in Country.objects.all():
        areas[country.iso3] = upsert(Area, {"code": country.iso3}, {
            "name": country.name, "name_ru": country.name_ru, "kind": AreaKind.COUNTRY,
            "country": country, "m49": country.numeric,
        }, result)
        for label in {country.name, country.name_ru, country.official_name} - {""}:
            save_alias(label, areas[country.iso3], "reference data")
    for region in Region.objects.all():
        code = region.code.upper()
        areas[code] = upsert(Area, {"code": code}, {
            "name": region.name, "name_ru": region.name_ru, "kind": AreaKind.REGION,
            "region": region,
        }, result)
    return areas


def save_alias(label: str, area: Area, note: str) -> None:
    """Add a crosswalk line unless the label is already mapped (to this or another area)."""
    key = normalise_label(label)
    if key and not AreaAlias.objects.filter(key=key).exists():
        AreaAlias.objects.create(label=label, area=area, note=note)


def read_crosswalk() -> tuple[list[dict[str, Any]], list[Problem]]:
    """Every line of the crosswalk files, checked: one meaning per label across all files."""
    entries: list[dict[str, Any]] = []
    problems: list[Problem] = []
    meaning: dict[str, tuple[str, str, int]] = {}
    for path in sorted(CROSSWALK_DIR.glob("*.csv")):
        _, rows, shape = read_csv(path, ["label", "area_code"])
        problems += shape
        for row in rows:
            label, code = row.get("label"), row.get("area_code")
            key = normalise_label(label)
            if not key or not code:
                problems.append(Problem(str(path), row.line, "label and area_code are required"))
                continue
            earlier = meaning.get(key)
            if earlier and earlier[0] != code:
                problems.append(Problem(str(path), row.line, f"{label!r} maps to {code} here but "
                                        f"to {earlier[0]} in {earlier[1]}:{earlier[2]}"))
            if earlier:
                continue  # the same label again (perhaps in other case): one line is enough
            meaning[key] = (code, path.name, row.line)
            kind = row.get("area_kind")
            if kind and kind not in AREA_KINDS:
                problems.append(Problem(str(path), row.line, f"unknown area_kind {kind!r}"))
            entries.append({"label": label, "code": code, "name": row.get("area_name"),
                            "kind": kind, "m49": row.get("m49"), "note": row.get("note"),
                            "file": str(path), "line": row.line})
    return entries, problems


def apply_crosswalk(entries: list[dict[str, Any]], areas: dict[str, Area],
                    result: LoadResult) -> list[Problem]:
    """Create the aggregate areas the crosswalk introduces, then its aliases."""
    problems = []
    for entry in entries:
        if entry["code"] in areas or not entry["name"]:
            continue
        areas[entry["code"]] = upsert(Area, {"code": entry["code"]}, {
            "name": entry["name"], "kind": entry["kind"] or AreaKind.AGGREGATE,
            "m49": entry["m49"] or "",
        }, result)
    for entry in entries:
        area = areas.get(entry["code"]) or Area.objects.filter(code=entry["code"]).first()
        if area is None:
            problems.append(Problem(entry["file"], entry["line"],
                                    f"unknown area {entry['code']!r} (give area_name to add it)"))
            continue
        key = normalise_label(entry["label"])
        upsert(AreaAlias, {"key": key},
               {"label": entry["label"], "area": area, "note": entry["note"] or ""}, result)
    return problems


def load_areas() -> int:
    """Statistical areas and the crosswalk, all or nothing. Returns the number of aliases."""
    entries, problems = read_crosswalk()
    if problems:
        raise ReferenceDataError(problems)
    with transaction.atomic():
        result = LoadResult()
        areas = sync_reference_areas(result)
        problems = apply_crosswalk(entries, areas, result)
        if problems:
            transaction.set_rollback(True)
            raise ReferenceDataError(problems)
    return AreaAlias.objects.count()


def indicator_values(code: str, spec: dict[str, Any], derived: bool) -> dict[str, Any]:
    """Field values of an indicator from its YAML entry (references resolved later)."""
    return {
        "name": spec["name"], "name_ru": spec.get("name_ru", ""),
        "definition": spec["definition"], "unit": spec["unit"],
        "disaggregations": spec.get("disaggregations", []),
        "formula": spec.get("formula", FormulaKind.RATIO) if derived else FormulaKind.RAW,
        "numerator_filter": spec.get("numerator_filter", {}),
        "denominator_filter": spec.get("denominator_filter", {}),
        "factor": float(spec.get("factor", 1)),
        "source_priority": spec.get("sources", []),
    }


def check_indicators(document: Any, path: str) -> list[Problem]:
    """Problems of the indicators file: required fields, known units and references."""
    problems = []
    sections = {"raw": document.get("raw") or {}, "derived": document.get("derived") or {}}
    known = set(sections["raw"]) | set(sections["derived"])
    units = {unit.value for unit in Unit}
    for section, entries in sections.items():
        for code, spec in entries.items():
            for field in ("name", "definition", "unit"):
                if not spec.get(field):
                    problems.append(Problem(path, None, f"{code}: {field} is required"))
            if spec.get("unit") and spec["unit"] not in units:
                problems.append(Problem(path, None, f"{code}: unknown unit {spec['unit']!r}"))
            for ref in ("numerator", "denominator"):
                if spec.get(ref) and spec[ref] not in known:
                    problems.append(Problem(path, None, f"{code}: unknown {ref} {spec[ref]!r}"))
            if section == "derived" and not spec.get("numerator"):
                problems.append(Problem(path, None, f"{code}: a derived one needs a numerator"))
    return problems


def load_indicators(path: Path = INDICATORS_FILE) -> int:
    """Indicator definitions from YAML, all or nothing. Returns how many there are."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ReferenceDataError([Problem(str(path), line, f"invalid YAML: {error}")]) from None
    problems = check_indicators(document, str(path))
    if problems:
        raise ReferenceDataError(problems)
    result = LoadResult()
    with transaction.atomic():
        saved = {}
        for section in ("raw", "derived"):
            for code, spec in (document.get(section) or {}).items():
                values = indicator_values(code, spec, section == "derived")
                saved[code] = (upsert(Indicator, {"code": code}, values, result), spec)
        for indicator, spec in saved.values():
            references = {ref: saved[spec[ref]][0] if spec.get(ref) else None
                          for ref in ("numerator", "denominator")}
            upsert(Indicator, {"pk": indicator.pk}, references, result)
    return len(saved)


def load_definitions() -> dict[str, int]:
    """Areas, crosswalk and indicators: what every importer needs first."""
    return {"aliases": load_areas(), "indicators": load_indicators()}
