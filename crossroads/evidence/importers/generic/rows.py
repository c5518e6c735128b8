"""Turning a row of a national statistics office's table into a figure.

Cells are read as people write them: sexes as ``F``, ``Female``, ``Women`` or
``Женщины``; age groups as ``0-4``, ``0 – 4 years`` or ``75 and over``; numbers with
thousands separators, ``..`` for not available, ``*`` for suppressed. Anything else
is a problem that names the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from crossroads.evidence.choices import ObservationStatus, Sex
from crossroads.evidence.exporters.sdmx import crossroads_age
from crossroads.evidence.importers.base import Figure
from crossroads.evidence.importers.generic.mapping import DIMENSIONS, Mapping
from crossroads.evidence.importers.generic.tables import Cell, Row, TableError, cell_text
from crossroads.evidence.importers.values import NotANumber, read_number
from crossroads.evidence.models.observations import TOTAL_AGE

TOTAL_WORDS = {"", "_t", "t", "total", "all", "all ages", "all origins", "всего", "итого"}
SEX_WORDS = {
    **dict.fromkeys(TOTAL_WORDS | {"both sexes", "both", "оба пола"}, Sex.TOTAL.value),
    **dict.fromkeys(("f", "female", "females", "woman", "women", "женщины", "женский"),
                    Sex.FEMALE.value),
    **dict.fromkeys(("m", "male", "males", "man", "men", "мужчины", "мужской"), Sex.MALE.value),
}
STATUS_WORDS = {
    **dict.fromkeys(("", "a", "normal"), ObservationStatus.NORMAL.value),
    **dict.fromkeys(("e", "estimate", "estimated"), ObservationStatus.ESTIMATED.value),
    **dict.fromkeys(("p", "provisional", "preliminary"), ObservationStatus.PROVISIONAL.value),
    **dict.fromkeys(("m", "missing"), ObservationStatus.MISSING.value),
    **dict.fromkeys(("s", "suppressed", "confidential"), ObservationStatus.SUPPRESSED.value),
}
MULTIPLIER_WORDS = {"": 0, "units": 0, "thousand": 3, "thousands": 3, "тыс": 3, "тыс.": 3,
                    "million": 6, "millions": 6, "млн": 6, "млн.": 6, "billion": 9,
                    "billions": 9}
T = TypeVar("T")
AGE_RANGE = re.compile(r"^(\d+)\s*[-–—]\s*(\d+)(\s*(years?|лет|года?))?$")
AGE_OPEN = re.compile(r"^(\d+)\s*(\+|and over|and older|years and over|лет и старше|и старше)"
                      r"(\s*years)?$")


def normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def sex_code(text: str) -> str:
    """``_T``, ``F`` or ``M`` from a code or word (English or Russian)."""
    code = SEX_WORDS.get(normalised(text))
    if code is None:
        raise ValueError(f"sex {text!r} is not one of _T, F, M (or map it under 'codes: sex')")
    return code


def age_code(text: str) -> str:
    """``_T``, ``0-4`` or ``75+`` from the ways age groups are written."""
    words = normalised(text)
    if words in TOTAL_WORDS:
        return TOTAL_AGE
    if match := AGE_RANGE.match(words):
        return f"{int(match.group(1))}-{int(match.group(2))}"
    if match := AGE_OPEN.match(words):
        return f"{int(match.group(1))}+"
    if (sdmx := crossroads_age(text.strip())) != text.strip():
        return sdmx
    raise ValueError(f"age {text!r} is not an age group such as _T, 0-4 or 75+ "
                     "(or map it under 'codes: age')")


def status_code(text: str) -> str:
    code = STATUS_WORDS.get(normalised(text))
    if code is None:
        raise ValueError(f"status {text!r} is not one of A, E, P, M, S "
                         "(or map it under 'codes: status')")
    return code


def unit_multiplier(text: str) -> int:
    """A power of ten: ``3``, ``thousands`` or ``тыс.``."""
    words = normalised(text)
    if words in MULTIPLIER_WORDS:
        return MULTIPLIER_WORDS[words]
    if words.isdigit() and int(words) <= 12:
        return int(words)
    raise ValueError(f"unit multiplier {text!r} is not a power of ten (0, 3, 6) "
                     "or a word such as thousands")


class RowReader:
    """Reads the figures of one table as a mapping describes its columns."""

    def __init__(self, mapping: Mapping, header: list[str], header_row: int) -> None:
        self.mapping = mapping
        self.indexes = column_indexes(mapping, header, header_row)

    def cell(self, row: Row, dim: str) -> Cell:
        """The cell of a dimension in a row, the fixed value, or None."""
        if dim in self.mapping.fixed:
            return self.mapping.fixed[dim]
        index = self.indexes.get(dim)
        if index is None or index >= len(row.cells):
            return None
        return row.cells[index]

    def text(self, row: Row, dim: str) -> str:
        """A cell as text, translated through the mapping's codes for the dimension."""
        text = cell_text(self.cell(row, dim))
        codes = self.mapping.codes.get(dim)
        if codes:
            return codes.get(text, codes.get(normalised(text), text))
        return text

    def figure(self, row: Row) -> tuple[Figure | None, list[str]]:
        """The figure in a row, or None and what is wrong with the row."""
        problems: list[str] = []
        sex = self.parsed(row, "sex", sex_code, Sex.TOTAL.value, problems)
        age = self.parsed(row, "age", age_code, TOTAL_AGE, problems)
        status = self.parsed(row, "status", status_code, ObservationStatus.NORMAL.value, problems)
        multiplier = self.parsed(row, "unit_multiplier", unit_multiplier, 0, problems)
        try:
            reading = read_number(self.cell(row, "value"), self.mapping.decimal_comma)
        except NotANumber as error:
            problems.append(f"value: {error}")
            return None, problems
        if problems:
            return None, problems
        if reading.status != ObservationStatus.NORMAL:  # "..", "*": the cell says it all
            status = reading.status
        return Figure(
            indicator=self.text(row, "indicator"), area=self.text(row, "area"),
            period=self.text(row, "period"), value=reading.value, line=row.line, sex=sex,
            age=age, origin=self.area(row, "origin"), destination=self.area(row, "destination"),
            unit_multiplier=multiplier, status=status, note=self.text(row, "note"),
        ), []

    def parsed(self, row: Row, dim: str, parse: Callable[[str], T], default: T,
               problems: list[str]) -> T:
        """A dimension's cell read by ``parse``; on failure a problem (and ``default``)."""
        try:
            return parse(self.text(row, dim))
        except ValueError as error:
            problems.append(str(error))
            return default

    def area(self, row: Row, dim: str) -> str | None:
        """An origin or destination; empty or total means no breakdown."""
        text = self.text(row, dim)
        return None if normalised(text) in TOTAL_WORDS else text


def column_indexes(mapping: Mapping, header: list[str], header_row: int) -> dict[str, int]:
    """Where each mapped column is in the header; a missing column is an error."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
        positions.setdefault(normalised(name), index)
    indexes: dict[str, int] = {}
    missing: list[str] = []
    for dim in DIMENSIONS:
        column = mapping.columns.get(dim)
        if column is None:
            continue
        found = positions.get(column, positions.get(normalised(column)))
        if found is not None:
            indexes[dim] = found
        elif not mapping.template_columns or dim in ("indicator", "area", "period", "value"):
            missing.append(f"{column!r} ({dim})")
    if missing:
        names = ", ".join(repr(name) for name in header if name) or "nothing"
        raise TableError(f"the header row (row {header_row}) has no column {', '.join(missing)}; "
                         f"it has {names}")
    return indexes
