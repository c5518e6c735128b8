"""Origin–destination tables as UN DESA publishes them (the 2013 and 2015 revisions).

Destinations run down (countries, regions, development groups, each with its location
code), origins across: a total column ("World" in 2013, "Total" in 2015), "Other North",
"Other South", then one column per country of origin. Every cell becomes ``MIG_STOCK``
with the destination as the area and the column as the origin.

An empty cell means that no migrants from that origin were reported; UN DESA's regional
rows show 0 where all their countries are empty. Neither is stored: only non-zero cells
become observations, so a corridor without an observation had no migrants reported.
".." is stored as a missing figure. The total column is stored as the all-origins figure
(origin None) only where the revision has no "Total" workbook to give it (2013);
otherwise the same figure would come from two releases of the same revision.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from crossroads.evidence.choices import Sex
from crossroads.evidence.importers.base import Figure, Importer
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.undesa.common import (
    REVISION_2013,
    REVISION_2015,
    SOURCE,
    cell_at,
    column_letter,
    csv_rows,
    footnotes,
    is_blank,
    location,
    open_workbook,
    read_cell,
    revision,
    row_note,
    sheet_rows,
    text,
)
from crossroads.evidence.importers.values import NotANumber

TITLE = re.compile(r"(total|male|female) migrant stock at mid-year by origin.*?(\d{4})\s*$",
                   re.IGNORECASE)
TOTAL_COLUMNS = {"world", "total"}
Row = tuple[int, list[Any]]


@dataclass(frozen=True)
class Matrix:
    """What the header of a table says: where things are, the origins, sex and year."""

    label: int
    code: int
    kind: int | None
    notes: int | None
    origins: list[str]
    total: int
    first_row: int
    sex: str
    year: int


class OfficialMatrix(Importer):
    """Base of the importers of an origin–destination table in UN DESA's own layout."""

    source = SOURCE
    #: Whether the total column is stored (not when the revision's totals workbook has it).
    stores_total: ClassVar[bool] = True

    @abstractmethod
    def load(self, path: Path) -> tuple[list[Row], dict[str, str]]:
        """The table's rows with their line (or sheet row) numbers, and its footnotes."""

    def read(self, path: Path) -> Iterator[Figure]:
        rows, notes = self.load(path)
        matrix = read_header(rows)
        for line, row in rows[matrix.first_row:]:
            yield from self.read_row(path, line, row, matrix, notes)

    def read_row(self, path: Path, line: int, row: list[Any], matrix: Matrix,
                 notes: dict[str, str]) -> Iterator[Figure]:
        """The figures of one destination (only the non-zero cells of the origin columns)."""
        label, code = text(cell_at(row, matrix.label)), cell_at(row, matrix.code)
        if not label and all(is_blank(cell) for cell in row):
            return
        area = location(code)
        if area is None:
            self.problem(path, line, f"{label!r} has no location code "
                         f"(column {column_letter(matrix.code)}: {code!r})")
            return
        note = row_note(cell_at(row, matrix.kind), cell_at(row, matrix.notes), notes)
        for index in range(matrix.total, max(len(row), len(matrix.origins))):
            cell, origin = cell_at(row, index), cell_at(matrix.origins, index)
            if is_blank(cell):
                continue
            if not origin:
                self.problem(path, line, f"column {column_letter(index)} has a figure "
                             f"({cell!r}) but no origin in the header")
                continue
            try:
                reading = read_cell(cell)
            except NotANumber as error:
                self.problem(path, line, f"column {column_letter(index)} ({origin}): {error}")
                continue
            is_total = index == matrix.total
            if (is_total and not self.stores_total) or (not is_total and reading.value == 0):
                continue
            yield Figure("MIG_STOCK", area, matrix.year, reading.value, line=line,
                         sex=matrix.sex, origin=None if is_total else origin,
                         status=reading.status, note=note)


def read_header(rows: list[Row]) -> Matrix:
    """The layout of a table from its title and header rows."""
    sex, year = table_title(rows)
    header, origins_at = find_header(rows)
    names = [text(cell).lower() for cell in rows[header][1]]
    origins = [text(cell) for cell in rows[origins_at][1]]
    total = origins.index("Other North") - 1
    if origins[total].lower() not in TOTAL_COLUMNS:
        raise ValueError(f"line {rows[origins_at][0]}: no World or Total column before "
                         f"'Other North' (found {origins[total]!r})")
    return Matrix(
        label=next(i for i, name in enumerate(names) if "destination" in name),
        code=next(i for i, name in enumerate(names) if name.endswith("code")),
        kind=next((i for i, name in enumerate(names) if name.startswith("type of")), None),
        notes=names.index("notes") if "notes" in names else None,
        origins=origins, total=total, first_row=origins_at + 1, sex=sex, year=year,
    )


def table_title(rows: list[Row]) -> tuple[str, int]:
    """The sex and year the table's title gives ("Table 10. Total migrant stock …, 2013")."""
    for _, row in rows[:20]:
        for cell in row:
            match = TITLE.search(text(cell))
            if match:
                kind = match.group(1).lower()
                sex = {"total": Sex.TOTAL, "male": Sex.MALE, "female": Sex.FEMALE}[kind]
                return sex, int(match.group(2))
    raise ValueError("no title 'Total (Male, Female) migrant stock at mid-year by origin …, "
                     "YEAR' in the first 20 rows")


def find_header(rows: list[Row]) -> tuple[int, int]:
    """The positions of the header row ("Sort order", …) and of the row naming the origins."""
    header = next((i for i, (_, row) in enumerate(rows)
                   if text(cell_at(row, 0)).lower().startswith("sort")), None)
    if header is None:
        raise ValueError("no header row (starting with 'Sort order') was found")
    for index in (header, header + 1):
        if index < len(rows) and "Other North" in (text(cell) for cell in rows[index][1]):
            return header, index
    raise ValueError(f"line {rows[header][0]}: no 'Other North' column in the header")


@register
class MigrantStockByOrigin2013(OfficialMatrix):
    """UN DESA International Migrant Stock 2013 revision, origin–destination Table 10."""

    name = "undesa-2013"
    description = ("UN DESA International Migrant Stock 2013 revision: migrant stock by "
                   "destination and origin, mid-2013 (Table 10, CSV export)")
    release = revision("undesa-ims-2013-od", "Trends in International Migrant Stock: Migrants "
                       "by Destination and Origin, 2013 Revision (Table 10)", 2013, REVISION_2013)
    files = ("undesa_migrant_stock_2013/UN_MigrantStockByOriginAndDestination_2013_T10.csv",)

    def load(self, path: Path) -> tuple[list[Row], dict[str, str]]:
        # Exported on a DOS code page: "Réunion" is byte 0x82 and "©" 0xB8 (cp850). The
        # CSV has no notes sheet: observations keep the footnote markers.
        return list(csv_rows(path, "cp850")), {}


@register
class MigrantStockByOrigin2015(OfficialMatrix):
    """UN DESA International Migrant Stock 2015 revision, origin–destination Table 16."""

    name = "undesa-2015-od"
    description = ("UN DESA International Migrant Stock 2015 revision: migrant stock by "
                   "destination and origin, mid-2015 (Table 16)")
    release = revision("undesa-ims-2015-od", "Trends in International Migrant Stock: Migrants "
                       "by Destination and Origin, 2015 Revision (Table 16)", 2015, REVISION_2015)
    files = ("undesa_migrant_stock_2015/UN_MigrantStockByOriginAndDestination_2015_T16.xlsx",)
    stores_total = False
    sheet: ClassVar[str] = "Table 16"

    def load(self, path: Path) -> tuple[list[Row], dict[str, str]]:
        workbook = open_workbook(path)
        rows = sheet_rows(workbook, self.sheet)
        return [(index + 1, row) for index, row in enumerate(rows)], footnotes(workbook)
