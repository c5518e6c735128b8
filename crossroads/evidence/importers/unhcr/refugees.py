"""UNHCR refugees and asylum-seekers by origin and country of asylum, 1995–2020.

A later extract of UNHCR's refugee statistics (end-2020 data, published 2021),
reshaped by a researcher into ``year, orig, dest, refugees, asylum_seekers`` with
ISO alpha-3 codes. 2019 is not in the file. Conventions (see SOURCES-unhcr-idmc.md):

- An empty ``orig`` is UNHCR's "Various/Unknown" (the figures match the population
  statistics' Various/Unknown rows); an empty ``dest`` (only 1995–1999, one row a
  year holding every asylum-seeker of that year) is an unknown country of asylum.
- The extract writes 0 where UNHCR has no figure (it has no empty cells and no "*"),
  so a 0 is not stored, like an empty cell in the population statistics; "NA" is no
  figure either.
- ``TIB`` is UNHCR's code for Tibetans and ``XXA`` its code for stateless people.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from crossroads.evidence.choices import ObservationStatus
from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.unhcr.common import (
    ORIGIN_NOTE,
    VARIOUS,
    csv_rows,
    read_count,
    unhcr_source,
)
from crossroads.evidence.importers.values import NotANumber

FILE = "unhcr_refugees_1995_2020/unhcr_2020_refugees_asylum_by_orig_dest.csv"
HEADER = ["year", "orig", "dest", "refugees", "asylum_seekers"]
COLUMNS = {"refugees": "REFUGEES", "asylum_seekers": "ASYLUM_SEEKERS"}


@register
class UnhcrRefugees1995To2020(Importer):
    """UNHCR refugees and asylum-seekers by origin and asylum (ISO codes), 1995–2020."""

    name = "unhcr-refugees-1995-2020"
    description = "UNHCR refugees and asylum-seekers by origin and asylum, 1995–2020 (no 2019)"
    source = unhcr_source(
        "unhcr-refugee-statistics", "UNHCR Refugee Statistics (refugees and asylum-seekers)",
        coverage="Countries of asylum by origin (ISO alpha-3); 1995–2018 and 2020 (2019 is "
                 "missing from the extract).",
        periodicity="Annual (end of year)",
        quality=("An extract derived by a researcher (guyabel/stepladderChapter, data/unhcr_2020"
                 ".csv) from a UNHCR download. It writes 0 where UNHCR has no figure and never "
                 "'*': small values appear as 0 or 5, so zeros are not stored. Asylum-seekers "
                 "1995–1999 are one world figure a year, with no origin or country of asylum. "
                 f"{ORIGIN_NOTE}"),
        access="Public (UNHCR data, CC BY 4.0 per UNHCR's refugee data finder; no licence "
               "stated in the extract)",
    )
    release = ReleaseSpec(
        "unhcr-refugees-1995-2020", "UNHCR refugees and asylum-seekers by origin and "
        "asylum, 1995–2020 (extract of the end-2020 statistics)", "end-2020 data (2021)",
        date(2021, 6, 18),
        notes="End-2020 statistics were published with Global Trends 2020 on 18 June 2021. "
              "2019 is missing from the extract.",
    )
    files = (FILE,)

    def read(self, path: Path) -> Iterator[Figure]:
        for line, cells in csv_rows(path, self.problem):
            if line == 1:
                if cells != HEADER:
                    self.problem(path, 1, f"unexpected header {cells!r}; expected {HEADER!r}")
                    return
                continue
            if len(cells) != len(HEADER):
                self.problem(path, line, f"expected {len(HEADER)} columns, found {len(cells)}")
                continue
            yield from self.figures(path, line, dict(zip(HEADER, cells, strict=True)))

    def figures(self, path: Path, line: int, row: dict[str, str]) -> Iterator[Figure]:
        """Refugees and asylum-seekers of one row (zeros and NA are no figure)."""
        notes = [f"{label} not given in the file: stored as various/unknown."
                 for label, code in (("Origin", row["orig"]), ("Country of asylum", row["dest"]))
                 if not code]
        for column, indicator in COLUMNS.items():
            try:
                reading = read_count(row[column])
            except NotANumber as error:
                self.problem(path, line, f"{column}: {error}")
                continue
            if reading.status == ObservationStatus.MISSING or reading.value == 0:
                continue
            yield Figure(indicator, row["dest"] or VARIOUS, row["year"], reading.value,
                         line=line, origin=row["orig"] or VARIOUS, status=reading.status,
                         note=" ".join(notes))
