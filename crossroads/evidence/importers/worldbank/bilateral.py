"""World Bank/KNOMAD bilateral matrices: migrant stocks 2013 and remittances 2016.

Both are square matrices with the origin (country of birth, or remittance-sending
country) down and the destination (country of residence, or remittance-receiving
country) across; a "World" row and column hold the totals; notes follow the matrix.
Each cell becomes one figure whose reference area is the destination and whose
origin is the row:

- a cell of the "World" row (all origins) is the destination's total: origin None;
- a cell of the "World" column (all destinations) is the origin's total abroad:
  reference area WORLD with that origin;
- the corner is the world total.

Cells are 0 where the World Bank has no estimate as well as where there are no
migrants: 0 is not stored (about two thirds of the cells). A 0 with a footnote marker
("0*") is stored, with the footnote as its note; "N/A" (not available) is not stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.values import NotANumber, read_number
from crossroads.evidence.importers.worldbank.sources import (
    KNOMAD_BILATERAL,
    is_blank,
    numbered_rows,
    text,
)

#: The label of the totals row and column.
TOTAL = "World"


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class BilateralMatrix(Importer):
    """An origin × destination matrix of one worksheet, origins down, destinations across."""

    source = KNOMAD_BILATERAL
    indicator: ClassVar[str]
    period: ClassVar[str]
    sheet: ClassVar[str]
    #: How the first cell of the header row begins (it names the two axes).
    corner: ClassVar[str]
    unit_multiplier: ClassVar[int] = 0

    def read(self, path: Path) -> Iterator[Figure]:
        rows = list(numbered_rows(path, self.sheet))
        header = next((i for i, (_, row) in enumerate(rows[:10])
                       if row and text(row[0]).startswith(self.corner)), None)
        if header is None:
            self.problem(path, None, f"no header row beginning {self.corner!r}")
            return
        columns = {index: text(cell) for index, cell in enumerate(rows[header][1])
                   if index > 0 and text(cell)}
        body = rows[header + 1:]
        end = next((i for i, (_, row) in enumerate(body) if row and text(row[0]) == TOTAL), None)
        if end is None:
            self.problem(path, None, f"no {TOTAL!r} row: the matrix is incomplete")
            return
        footnote = next((text(row[0]) for _, row in body[end + 1:]
                         if row and text(row[0]).startswith("*")), "")
        for line, row in body[:end + 1]:
            if not is_blank(row):
                yield from self.row_figures(path, line, row, columns, footnote)

    def row_figures(self, path: Path, line: int, row: list[Any], columns: dict[int, str],
                    footnote: str) -> Iterator[Figure]:
        """The figures of one origin's row: one per destination with an estimate."""
        origin = text(row[0])
        if not origin:
            self.problem(path, line, "a row of figures without a country name")
            return
        if len(row) <= max(columns):
            self.problem(path, line, f"the row has {len(row)} columns, the header "
                         f"{max(columns) + 1}: is the file cut short?")
            return
        for index, destination in columns.items():
            cell = row[index]
            try:
                reading = read_number(cell)
            except NotANumber as error:
                self.problem(path, line, f"column {column_letter(index)} ({origin} → "
                             f"{destination}): {error}")
                continue
            marked = text(cell).endswith("*")
            if reading.value is None or (reading.value == 0 and not marked):
                continue
            yield Figure(self.indicator, destination, self.period, reading.value, line=line,
                         origin=None if origin == TOTAL else origin,
                         unit_multiplier=self.unit_multiplier, status=reading.status,
                         note=footnote if marked else "")


@register
class BilateralMigration2013(BilateralMatrix):
    """Bilateral Estimates of Migrant Stocks in 2013 (persons)."""

    name = "wb-bilateral-migration-2013"
    description = "World Bank/KNOMAD bilateral migrant stocks 2013 (origin × destination)"
    indicator = "MIG_STOCK"
    period = "2013"
    sheet = "Bilateral Migration 2013"
    corner = "Destination country (across)"
    files = ("worldbank_bilateral/bilateralmigrationmatrix20130.xlsx",)
    release = ReleaseSpec(
        "wb-bilateral-migration-2013",
        "Bilateral Estimates of Migrant Stocks in 2013 (Migration and Remittances Factbook 2016)",
        "2013 matrix, Factbook 2016", date(2015, 12, 18),
        notes="The file carries no date; its notes say the estimates are those of the "
              "Migration and Remittances Factbook 2016, launched on 18 December 2015. "
              "Sheet 'Sheet2' (a copy of the matrix without totals) is not read.",
    )


@register
class BilateralRemittances2016(BilateralMatrix):
    """Bilateral Remittance Estimates for 2016, November 2017 version (US$ millions)."""

    name = "wb-bilateral-remittances-2016"
    description = "World Bank/KNOMAD bilateral remittances 2016, US$ millions (sending × receiving)"
    indicator = "REMIT_IN"
    period = "2016"
    sheet = "Bilateral Remittances 2016"
    corner = "Remittance-receiving country (across)"
    unit_multiplier = 6
    files = ("worldbank_bilateral/bilateralremittancematrix2016_Nov2017.xlsx",)
    release = ReleaseSpec(
        "wb-bilateral-remittances-2016",
        "Bilateral Remittance Estimates for 2016 (November 2017 version)",
        "November 2017", date(2017, 11, 1),
        notes="Its title gives the month only ('November 2017 Version'): the date is the "
              "first of that month. Sheet 'Sheet2' (a copy of the matrix) is not read.",
    )
