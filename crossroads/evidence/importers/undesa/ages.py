"""The age distribution of the migrant stock, 2017 revision (three CSVs: both sexes, F, M).

One row per year and area (``Year``, ``MajorArea``), then the share of the area's
migrant stock in each five-year age group (``0-4`` … ``70-74``, ``75+``), in percent,
and a ``Total`` column (100), which is not stored. ".." is stored as a missing figure.
The sex of each file is read from its name (``…Female.csv``, ``…Male.csv``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from crossroads.evidence.importers.base import Figure, Importer
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.undesa.common import (
    REVISION_2017,
    SOURCE,
    column_letter,
    csv_rows,
    read_cell,
    revision,
    sex_in_name,
)
from crossroads.evidence.importers.values import NotANumber

AGE_GROUPS = (*(f"{start}-{start + 4}" for start in range(0, 75, 5)), "75+")
FIRST_AGE = 2


@register
class MigrantStockByAge2017(Importer):
    """UN DESA International Migrant Stock 2017 revision: age distribution by sex."""

    name = "undesa-2017-age"
    description = ("UN DESA International Migrant Stock 2017 revision: age distribution of the "
                   "migrant stock by sex, 1990-2017, in percent (three CSVs: both sexes, female, "
                   "male; the sex is read from the file name)")
    source = SOURCE
    release = revision("undesa-ims-2017-age", "Trends in International Migrant Stock: The 2017 "
                       "Revision (migrants by age and sex, percent)", 2017, REVISION_2017)
    files = (
        "undesa_migrant_stock_2017/UN_MigrantStockByAge_2017.csv",
        "undesa_migrant_stock_2017/UN_MigrantStockByAge_2017Female.csv",
        "undesa_migrant_stock_2017/UN_MigrantStockByAge_2017Male.csv",
    )

    def read(self, path: Path) -> Iterator[Figure]:
        # The both-sexes file is in Windows-1252 ("Réunion" is byte 0xE9), the others UTF-8.
        rows = csv_rows(path, "cp1252")
        _, header = next(rows, (1, []))
        ages = tuple(name.strip() for name in header[FIRST_AGE:FIRST_AGE + len(AGE_GROUPS)])
        if [name.strip() for name in header[:FIRST_AGE]] != ["Year", "MajorArea"] or \
                ages != AGE_GROUPS:
            raise ValueError(f"the header should be Year, MajorArea, {', '.join(AGE_GROUPS)}: "
                             f"{', '.join(header)}")
        sex = sex_in_name(path)
        for line, row in rows:
            if any(cell.strip() for cell in row):
                yield from self.read_row(path, line, row, sex)

    def read_row(self, path: Path, line: int, row: list[str], sex: str) -> Iterator[Figure]:
        """The age shares of one area and year."""
        if len(row) < FIRST_AGE + len(AGE_GROUPS):
            self.problem(path, line, f"the row has {len(row)} fields, not "
                         f"{FIRST_AGE + len(AGE_GROUPS) + 1}")
            return
        year, area = row[0].strip(), row[1].strip()
        for offset, age in enumerate((*AGE_GROUPS, "Total")):
            index = FIRST_AGE + offset
            try:
                reading = read_cell(row[index] if index < len(row) else "")
            except NotANumber as error:
                self.problem(path, line, f"column {column_letter(index)} ({age}): {error}")
                continue
            if age != "Total":  # the check column (100): read, not stored
                yield Figure("MIG_STOCK_AGE_PCT", area, year, reading.value, line=line,
                             sex=sex, age=age, status=reading.status)
