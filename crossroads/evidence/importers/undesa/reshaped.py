"""Origin–destination matrices reshaped by repository authors (2017 and 2019 revisions).

One row per year and destination (``Year``, then ``MajorArea`` or ``Dest``), one column
per origin. The 2017 files (both sexes, female, male; one release with the sex
breakdown) start with ``Total``, ``Other North`` and ``Other South``; the 2019 file has
countries only (and five regions its author left in: Caribbean, South America,
Melanesia, Micronesia, Polynesia). The authors wrote 0 where UN DESA leaves a cell
empty (no migrants reported), so only non-zero cells are stored, as for every UN DESA
matrix; ".." is stored as a missing figure and "-" is zero. The ``Total`` column is not
stored: the revision's "Total" workbook gives the same figure.

Known faults of the 2017 files, repaired or skipped (see SOURCES-undesa.md):

- in the files by sex, labels with a comma were cut at it, leaving one field more on
  the row and the figures one column to the right: "Less developed regions, excluding
  least developed countries", and the Hong Kong and Macao SAR rows (left as "China" and
  "B"). They are recognised by that extra field and their position (Hong Kong first);
- in the both-sexes file, the Federated States of Micronesia are called "Micronesia", like
  the region listed above them: the second "Micronesia" of a year is the country;
- in the both-sexes file, Curaçao's 2005 row has no label and only zeros (UN DESA has no
  separate figure for it before 2010): a row without a label but with figures is an
  error, one with only zeros has nothing to store;
- under the table of the both-sexes file the author left scratch calculations: the table
  ends at the first row with neither year nor destination (a year below it is an error).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from crossroads.evidence.importers.base import Figure, Importer
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.undesa.common import (
    REVISION_2017,
    REVISION_2019,
    SOURCE,
    column_letter,
    csv_rows,
    is_blank,
    read_cell,
    revision,
    sex_in_name,
)
from crossroads.evidence.importers.values import NotANumber

#: Labels cut at their comma in the 2017 files by sex: (cut label, the field after it) →
#: the rows' real labels, in the order they come within a year.
CUT_LABELS = {
    ("Less developed regions", ""): ("Less developed regions, excluding least developed "
                                     "countries",),
    ("China", "B"): ("China, Hong Kong SAR", "China, Macao SAR"),
}
#: Labels that stand for two areas in a year of a file, and the areas in the order their
#: rows come (the 2017 both-sexes file calls the Federated States "Micronesia" too).
SHARED_LABELS = {"Micronesia": ("Micronesia", "Micronesia (Fed. States of)")}
DESTINATION_COLUMNS = {"majorarea", "dest"}
#: Cells that say no migrants were reported (most cells: skipped before any parsing).
NOTHING = frozenset({"", "0", "-"})


class ReshapedMatrix(Importer):
    """Base of the importers of reshaped matrices: Year, destination, then origins."""

    source = SOURCE
    #: Columns that are not origins (the all-origins total, given by the totals workbook).
    not_origins: ClassVar[frozenset[str]] = frozenset({"total"})

    def read(self, path: Path) -> Iterator[Figure]:
        rows = csv_rows(path, "cp1252")
        _, header = next(rows, (1, []))
        if len(header) < 3 or header[0].strip() != "Year" or \
                header[1].strip().lower() not in DESTINATION_COLUMNS:
            raise ValueError(f"the header should start with Year, MajorArea or Dest: {header[:3]}")
        origins = [name.strip() for name in header]
        sex = sex_in_name(path)
        seen: Counter[tuple[str, ...]] = Counter()
        for line, row in rows:
            if not row or (is_blank(row[0]) and is_blank(row[1] if len(row) > 1 else "")):
                self.check_below_table(path, rows)
                return
            fields = self.repair(path, line, row, len(header), seen)
            if fields is not None and self.tell_apart(path, line, fields, seen):
                yield from self.read_row(path, line, fields, origins, sex)

    def check_below_table(self, path: Path, rows: Iterator[tuple[int, list[str]]]) -> None:
        """Below the table's end, only scratch cells: a row with a year is an error."""
        for line, row in rows:
            if row and not is_blank(row[0]):
                self.problem(path, line, "a row with a year below the end of the table (an "
                             "empty row ends it)")

    def repair(self, path: Path, line: int, row: list[str], width: int,
               cut: Counter[tuple[str, ...]]) -> list[str] | None:
        """The row with a label cut at its comma made whole again (None if impossible)."""
        if len(row) < width:
            self.problem(path, line, f"the row has {len(row)} fields, the header {width}")
            return None
        if len(row) == width or is_blank(row[width]):
            return row
        year, label, rest = row[0].strip(), row[1].strip(), row[2].strip()
        names = CUT_LABELS.get((label, rest), ())
        seen = cut[(year, label, rest)]
        cut[(year, label, rest)] += 1
        if seen >= len(names):
            self.problem(path, line, f"the row has more fields than the header: its label "
                         f"{label!r} was cut at a comma, and which area it is cannot be told")
            return None
        return [row[0], names[seen], *row[3:]]

    def tell_apart(self, path: Path, line: int, row: list[str],
                   seen: Counter[tuple[str, ...]]) -> bool:
        """Give a label shared by two areas in a year the area its position says."""
        year, label = row[0].strip(), row[1].strip()
        names = SHARED_LABELS.get(label)
        if names is None:
            return True
        position = seen[(year, label)]
        seen[(year, label)] += 1
        if position >= len(names):
            self.problem(path, line, f"{label!r} appears more than {len(names)} times in {year}")
            return False
        row[1] = names[position]
        return True

    def read_row(self, path: Path, line: int, row: list[str], origins: list[str],
                 sex: str) -> Iterator[Figure]:
        """The figures of one destination and year: its non-zero origin cells."""
        year, destination = row[0].strip(), row[1].strip()
        figures = []
        for index in range(2, len(row)):
            cell = row[index]
            if cell in NOTHING or is_blank(cell):
                continue
            origin = origins[index] if index < len(origins) else ""
            if not origin:
                self.problem(path, line, f"column {column_letter(index)} has a figure "
                             f"({cell!r}) but no origin in the header")
                continue
            try:
                reading = read_cell(cell)
            except NotANumber as error:
                self.problem(path, line, f"column {column_letter(index)} ({origin}): {error}")
                continue
            if reading.value != 0 and origin.lower() not in self.not_origins:
                figures.append(Figure("MIG_STOCK", destination, year, reading.value, line=line,
                                      sex=sex, origin=origin,
                                      status=reading.status))
        if figures and not destination:
            self.problem(path, line, "the row has figures but no destination")
            return
        yield from figures


@register
class MigrantStockByOrigin2017(ReshapedMatrix):
    """UN DESA International Migrant Stock 2017 revision: origin–destination by sex."""

    name = "undesa-2017-od"
    description = ("UN DESA International Migrant Stock 2017 revision: migrant stock by "
                   "destination, origin and sex, 1990-2017 (three CSVs: both sexes, female, "
                   "male; the sex is read from the file name)")
    release = revision("undesa-ims-2017-od", "Trends in International Migrant Stock: Migrants "
                       "by Destination and Origin, 2017 Revision (by sex)", 2017, REVISION_2017)
    files = (
        "undesa_migrant_stock_2017/UN_MigrantStockByOriginAndDestination_2017.csv",
        "undesa_migrant_stock_2017/UN_MigrantStockByOriginAndDestination_2017Female.csv",
        "undesa_migrant_stock_2017/UN_MigrantStockByOriginAndDestination_2017Male.csv",
    )


@register
class MigrantStockByOrigin2019(ReshapedMatrix):
    """UN DESA International Migrant Stock 2019 revision: origin–destination (countries)."""

    name = "undesa-2019-od"
    description = ("UN DESA International Migrant Stock 2019 revision: migrant stock by "
                   "destination and origin, 1990-2019 (cleaned CSV, countries only)")
    release = revision("undesa-ims-2019-od", "International Migrant Stock 2019: Migrants by "
                       "Destination and Origin", 2019, REVISION_2019)
    files = ("undesa_migrant_stock_2019/UN_MigrantStockByOriginAndDestination_2019_clean.csv",)
