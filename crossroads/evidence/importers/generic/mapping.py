"""The column mapping of the generic importer, read from YAML or JSON and checked.

A mapping says which data source and release a file is, where its table starts, and
where each dimension of a figure comes from: a column of the file, or one fixed value
for every row. See ``evidence/data/templates/mapping-example.yaml``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from crossroads.evidence.choices import KosovoConvention, Producer, SourceKind
from crossroads.evidence.importers.base import ReleaseSpec, SourceSpec
from crossroads.reference.loaders.errors import Problem

MAPPING_SUFFIXES = (".yaml", ".yml", ".json")
#: Every dimension a row may give, in the order of the template's columns.
DIMENSIONS = ("indicator", "area", "period", "sex", "age", "origin", "destination", "value",
              "unit_multiplier", "status", "note")
REQUIRED = ("indicator", "area", "period", "value")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
SOURCE_FIELDS = ("producer_name", "coverage", "periodicity", "access_conditions",
                 "quality_notes", "website")
FILE_OPTIONS = {"sheet", "header_row", "encoding", "delimiter", "decimal_comma"}


class MappingError(Exception):
    """A mapping that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Mapping:
    """A checked mapping: release metadata, file layout, columns, fixed values, codes."""

    source: SourceSpec
    release: ReleaseSpec
    columns: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int = 1
    encoding: str = "utf-8-sig"
    delimiter: str | None = None
    decimal_comma: bool = False
    #: No ``columns`` given: the file uses the template's column names.
    template_columns: bool = False


def load_data(path: Path) -> Any:
    """The YAML or JSON document in a file."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def read_mapping(path: Path) -> Mapping:
    """A mapping file, checked; raises :class:`MappingError` listing every problem."""
    try:
        data = load_data(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise MappingError([Problem(path.name, None, f"cannot read the mapping: {error}")]) \
            from None
    return parse_mapping(data, path.name)


def parse_mapping(data: Any, name: str) -> Mapping:
    """A mapping from its parsed YAML/JSON document (``name`` is used in problems)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise MappingError([Problem(name, None, "the mapping must be a YAML or JSON object")])
    source = source_spec(section(data, "source", problems), problems)
    release = release_spec(section(data, "release", problems), problems)
    layout = read_layout(section(data, "file", problems, required=False), problems)
    dimensions = read_dimensions(data, problems)
    if problems or source is None or release is None:
        raise MappingError([Problem(name, None, message) for message in problems])
    return Mapping(source=source, release=release, **layout, **dimensions)


def section(data: dict[str, Any], key: str, problems: list[str],
            required: bool = True) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        if required:
            problems.append(f"'{key}' is missing")
        return {}
    if not isinstance(value, dict):
        problems.append(f"'{key}' must be a mapping of names to values")
        return {}
    return value


def text(data: dict[str, Any], key: str, where: str, problems: list[str],
         required: bool = True) -> str:
    value = data.get(key)
    if value is None or str(value).strip() == "":
        if required:
            problems.append(f"'{where}.{key}' is missing")
        return ""
    return str(value).strip()


def choice(data: dict[str, Any], key: str, where: str, choices: Any, default: str,
           problems: list[str]) -> str:
    value = text(data, key, where, problems, required=not default) or default
    allowed = [str(c) for c in choices.values]
    if value and value not in allowed:
        problems.append(f"'{where}.{key}' is {value!r}; one of: {', '.join(allowed)}")
    return value


def source_spec(data: dict[str, Any], problems: list[str]) -> SourceSpec | None:
    """The data source part of a mapping (also used by the SDMX-CSV importer)."""
    if not data:
        return None
    code = slug(data, "code", "source", 60, problems)
    return SourceSpec(
        code=code, name=text(data, "name", "source", problems),
        producer=choice(data, "producer", "source", Producer, Producer.NSO, problems),
        kind=choice(data, "kind", "source", SourceKind, "", problems),
        kosovo_convention=choice(data, "kosovo_convention", "source", KosovoConvention,
                                 KosovoConvention.NOT_APPLICABLE, problems),
        **{key: text(data, key, "source", problems, required=False) for key in SOURCE_FIELDS},
    )


def release_spec(data: dict[str, Any], problems: list[str]) -> ReleaseSpec | None:
    """The release part of a mapping (also used by the SDMX-CSV importer)."""
    if not data:
        return None
    return ReleaseSpec(
        code=slug(data, "code", "release", 80, problems),
        title=text(data, "title", "release", problems),
        vintage=text(data, "vintage", "release", problems),
        published=published(data.get("published"), problems),
        notes=text(data, "notes", "release", problems, required=False),
    )


def slug(data: dict[str, Any], key: str, where: str, length: int, problems: list[str]) -> str:
    value = text(data, key, where, problems)
    if value and (not SLUG.match(value) or len(value) > length):
        problems.append(f"'{where}.{key}' {value!r} must be at most {length} letters, digits, "
                        "hyphens or underscores")
    return value


def published(value: Any, problems: list[str]) -> date:
    """The publication date: a YAML date or an ISO ``YYYY-MM-DD`` text."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(f"'release.published' must be a date (YYYY-MM-DD), not {value!r}")
        return date.min


def read_layout(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Where the table is: the sheet, the header row, the CSV encoding and delimiter."""
    for key in sorted(set(data) - FILE_OPTIONS):
        problems.append(f"unknown option 'file.{key}' (known: {', '.join(sorted(FILE_OPTIONS))})")
    layout: dict[str, Any] = {"decimal_comma": bool(data.get("decimal_comma", False))}
    if data.get("sheet") is not None:
        layout["sheet"] = str(data["sheet"])
    if data.get("encoding"):
        layout["encoding"] = str(data["encoding"])
    if delimiter := data.get("delimiter"):
        layout["delimiter"] = "\t" if delimiter in ("\\t", "tab") else str(delimiter)
    try:
        layout["header_row"] = int(data.get("header_row", 1))
        if layout["header_row"] < 1:
            raise ValueError
    except (TypeError, ValueError):
        problems.append(f"'file.header_row' must be a row number, not {data['header_row']!r}")
    return layout


def read_dimensions(data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Columns, fixed values and code lists, checked against the known dimensions."""
    given_columns = data.get("columns")
    template_columns = given_columns is None
    tables: dict[str, Any] = {
        "columns": {dim: dim for dim in DIMENSIONS} if template_columns else given_columns,
        "fixed": data.get("fixed") or {}, "codes": data.get("codes") or {},
    }
    for key, given in tables.items():
        if not isinstance(given, dict):
            problems.append(f"'{key}' must be a mapping of dimensions")
            return {}
        for dim in sorted(set(given) - set(DIMENSIONS)):
            problems.append(f"unknown dimension '{key}.{dim}' (known: {', '.join(DIMENSIONS)})")
    fixed = {d: str(v).strip() for d, v in tables["fixed"].items() if v is not None}
    columns = {d: str(c).strip() for d, c in tables["columns"].items() if c not in (None, "")}
    if template_columns:  # a fixed value replaces the template's column
        columns = {d: c for d, c in columns.items() if d not in fixed}
    for dim in sorted(set(columns) & set(fixed)):
        problems.append(f"'{dim}' is given both as a column and as a fixed value")
    for dim in REQUIRED:
        if dim not in columns and dim not in fixed:
            problems.append(f"say where '{dim}' comes from: 'columns.{dim}' or 'fixed.{dim}'")
    if "value" in fixed:
        problems.append("'value' must come from a column")
    codes = {}
    for dim, table in tables["codes"].items():
        if not isinstance(table, dict):
            problems.append(f"'codes.{dim}' must map the file's codes to Crossroads codes")
            continue
        codes[dim] = {str(k).strip(): str(v).strip() for k, v in table.items()}
    return {"columns": columns, "fixed": fixed, "codes": codes,
            "template_columns": template_columns}
