"""UNHCR Population Statistics: persons of concern by country of asylum and origin, 1951–2014.

The file is the "persons of concern" export of UNHCR's Population Statistics
database (14 March 2016): one row per year, country of asylum or residence and
origin, with a column per population type and the row's total. An empty cell is no
figure (nothing is stored); "*" is a small value (1–4) UNHCR withholds, stored as
suppressed with no value.

Conventions applied (see SOURCES-unhcr-idmc.md):

- Returned refugees are recorded by UNHCR at the country they returned *from* (e.g.
  Pakistan / Afghanistan: Afghans who went home from Pakistan). The indicator's
  reference area is the country of return, so the area is the row's origin and the
  origin dimension is the country they returned from.
- IDPs, returned IDPs and stateless persons come with the country itself as origin
  (one row per country and year): they are stored as the country's total (no origin).
- Nine (year, asylum, origin) pairs are split over two rows whose population types
  never overlap (e.g. IDPs in one row, others of concern in the next). They are
  merged: each type from the row that has it, and the total as the sum of the two
  rows' totals. Rows that overlap are left for the framework to refuse as duplicates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.unhcr.common import (
    ORIGIN_NOTE,
    SUCCESSOR_NOTE,
    VARIOUS,
    csv_rows,
    read_count,
    unhcr_source,
)
from crossroads.evidence.importers.values import NotANumber, Reading

FILE = "unhcr_popstats/unhcr_popstats_export_persons_of_concern_all_data.csv"
TOTAL = "Total Population"
#: Population-type columns, in file order, and the indicator each one feeds.
TYPES = {
    "Refugees": "REFUGEES",
    "Asylum-seekers (pending cases)": "ASYLUM_SEEKERS",
    "Returned refugees": "RETURNED_REFUGEES",
    "Internally displaced persons (IDPs)": "IDPS_UNHCR",
    "Returned IDPs": "RETURNED_IDPS",
    "Stateless persons": "STATELESS",
    "Others of concern": "OTHERS_OF_CONCERN",
}
HEADER = ["Year", "Country of asylum or residence", "Origin", *TYPES, TOTAL]
#: Populations inside their own country: stored without an origin.
DOMESTIC = {"IDPS_UNHCR", "RETURNED_IDPS", "STATELESS"}
PLAIN_TOTAL = re.compile(r"\d*|\*")


@dataclass
class PopulationRow:
    """One (year, asylum, origin) row, possibly merged from several lines of the file."""

    lines: list[int]
    year: str
    asylum: str
    origin: str
    cells: dict[str, str]

    @property
    def line(self) -> int:
        """The line the row starts on (the first, if it was merged)."""
        return self.lines[0]

    def complements(self, other: PopulationRow) -> bool:
        """Whether the rows give different population types (and plain totals): one split row."""
        disjoint = not any(self.cells[name] and other.cells[name] for name in TYPES)
        return disjoint and all(PLAIN_TOTAL.fullmatch(row.cells[TOTAL]) for row in (self, other))

    def absorb(self, other: PopulationRow) -> None:
        """Take the other row's population types; the total becomes the sum of both totals."""
        for name in TYPES:
            self.cells[name] = self.cells[name] or other.cells[name]
        totals = [self.cells[TOTAL], other.cells[TOTAL]]
        self.cells[TOTAL] = "*" if "*" in totals else str(sum(int(t or 0) for t in totals))
        self.lines += other.lines


@register
class UnhcrPopulationStatistics(Importer):
    """UNHCR persons of concern by country of asylum and origin, 1951–2014."""

    name = "unhcr-popstats"
    description = "UNHCR Population Statistics: persons of concern by asylum and origin, 1951–2014"
    source = unhcr_source(
        "unhcr-popstats", "UNHCR Population Statistics Database",
        coverage="Every country and territory of asylum or residence, by origin; 1951–2014.",
        periodicity="Annual (end of year)",
        quality=("Figures are provided mostly by governments. '*' marks a value of 1–4 withheld "
                 "to protect individuals (stored as suppressed). Returned refugees are stored "
                 "at the country of return, with the country they returned from as origin. "
                 f"{SUCCESSOR_NOTE} {ORIGIN_NOTE}"),
    )
    release = ReleaseSpec(
        "unhcr-popstats-2016-03", "UNHCR Population Statistics, persons of concern 1951–2014 "
        "(export of 14 March 2016)", "export 2016-03-14", date(2016, 3, 14),
        notes="Export of popstats.unhcr.org, 'persons of concern', all years, all countries.",
    )
    files = (FILE,)

    def read(self, path: Path) -> Iterator[Figure]:
        for row in self.population_rows(path):
            yield from self.figures(path, row)

    def population_rows(self, path: Path) -> list[PopulationRow]:
        """The file's rows after the header, with split (year, asylum, origin) rows merged."""
        rows: dict[tuple[str, str, str], list[PopulationRow]] = {}
        for line, cells in csv_rows(path, self.problem):
            if line == 1:
                if cells != HEADER:
                    self.problem(path, 1, f"unexpected header {cells!r}; expected {HEADER!r}")
                    return []
                continue
            if len(cells) != len(HEADER):
                self.problem(path, line, f"expected {len(HEADER)} columns, found {len(cells)}")
                continue
            row = PopulationRow([line], cells[0], cells[1], cells[2],
                                dict(zip(HEADER[3:], cells[3:], strict=True)))
            same = rows.setdefault((row.year, row.asylum, row.origin), [])
            if len(same) == 1 and same[0].complements(row):
                same[0].absorb(row)
            else:
                same.append(row)
        return [row for group in rows.values() for row in group]

    def figures(self, path: Path, row: PopulationRow) -> Iterator[Figure]:
        """The figures of one row: one per population type given, and the total."""
        if not row.asylum:
            self.problem(path, row.line, "the country of asylum or residence is empty")
            return
        origin = row.origin or VARIOUS
        note = self.row_note(row)
        by: str | None
        for column, indicator in [*TYPES.items(), (TOTAL, "POC_TOTAL")]:
            reading = self.reading(path, row, column)
            if reading is None:
                continue
            area, by = row.asylum, origin
            if indicator == "RETURNED_REFUGEES":
                area, by = origin, row.asylum  # stored at the country of return
            elif indicator in DOMESTIC and origin == row.asylum:
                by = None
            yield Figure(indicator, area, row.year, reading.value, line=row.line, origin=by,
                         status=reading.status, note=note)

    def reading(self, path: Path, row: PopulationRow, column: str) -> Reading | None:
        """The value of one cell, or None if it is empty (or not a number: a problem)."""
        cell = row.cells[column]
        if not cell:
            return None
        try:
            return read_count(cell)
        except NotANumber as error:
            self.problem(path, row.line, f"{column}: {error}")
            return None

    @staticmethod
    def row_note(row: PopulationRow) -> str:
        """What the observations of a row should say about how it was read."""
        notes = []
        if not row.origin:
            notes.append("Origin empty in the file: stored as various/unknown.")
        if len(row.lines) > 1:
            lines = " and ".join(str(line) for line in row.lines)
            notes.append(f"Merged from lines {lines}, which give different population types "
                         "for the same asylum and origin; the total is their sum.")
        return " ".join(notes)
