"""Remittance Prices Worldwide: average total cost of remitting in each corridor.

A DataBank export: one row per sending × receiving country (series ATCR.CORR), one
column per survey round headed like ``2011Q1 [YR2011Q1]``, ".." where a corridor was
not surveyed (nothing is stored), then footer lines naming the database and its
"Last Updated" date (month/day/year, as DataBank writes it).

Rounds were half-yearly until 2012 (collected in the first and third quarters) and
quarterly from 2013. A year whose only columns are Q1 and Q3 is half-yearly: its
rounds become periods ``2011-S1`` and ``2011-S2``; the other years keep their quarters
(``2016-Q1``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.values import NotANumber, read_number
from crossroads.evidence.importers.worldbank.sources import (
    RPW,
    check_last_updated,
    is_blank,
    numbered_rows,
    text,
)

ROUND = re.compile(r"^(\d{4})Q([1-4])\b")
SENDING, SERIES, RECEIVING = "Sending Countries Code", "Series Code", "Receiving Countries Code"
UPDATED = "Last Updated:"
DATABASE = "Data from database:"


def round_periods(header: list[Any]) -> dict[int, str]:
    """The period code of each survey-round column (half-years where a year has Q1 and Q3)."""
    rounds = {index: (int(m.group(1)), int(m.group(2))) for index, cell in enumerate(header)
              if (m := ROUND.match(text(cell)))}
    quarters: dict[int, set[int]] = defaultdict(set)
    for year, quarter in rounds.values():
        quarters[year].add(quarter)
    half_yearly = {year for year, found in quarters.items() if found == {1, 3}}
    return {index: f"{year}-S{(quarter + 1) // 2}" if year in half_yearly else
            f"{year}-Q{quarter}" for index, (year, quarter) in rounds.items()}


def updated_on(cell: Any) -> date | None:
    """The date of a footer line ``Last Updated: 12/07/2020`` (month first)."""
    try:
        return datetime.strptime(text(cell)[len(UPDATED):].strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


@register
class RemittancePrices(Importer):
    """Average total cost of sending USD 200 in a corridor, in percent (ATCR.CORR)."""

    name = "wb-rpw"
    description = "Remittance Prices Worldwide, average total cost per corridor (ATCR.CORR)"
    source = RPW
    series = "ATCR.CORR"
    files = ("worldbank_rpw/RPW_corridors_ATCR_2011Q1-2019Q4.csv",)
    release = ReleaseSpec(
        "wb-rpw-2020-12",
        "Remittance Prices Worldwide (Corridors), DataBank export of 7 December 2020",
        "2020-12-07", date(2020, 12, 7),
        notes="Rounds 2011 Q1 to 2020 Q3 (the file name says 2019Q4, but the export runs to "
              "2020 Q3). Date from the export's 'Last Updated: 12/07/2020' footer.",
    )

    def read(self, path: Path) -> Iterator[Figure]:
        rows = numbered_rows(path)
        line, header = next(rows, (1, []))
        names = [" ".join(text(cell).split()) for cell in header]  # "Countries  Code"
        missing = [name for name in (SENDING, SERIES, RECEIVING) if name not in names]
        periods = round_periods(header)
        if missing or not periods:
            self.problem(path, line, f"not a Remittance Prices Worldwide export: no column "
                         f"{', '.join(missing) or 'of survey rounds (2011Q1 [YR2011Q1]…)'}")
            return
        columns = [names.index(name) for name in (SENDING, SERIES, RECEIVING)]
        updated: tuple[int, date | None] | None = None
        for line, row in rows:
            first = text(row[0]) if row else ""
            if first.startswith(UPDATED):
                updated = (line, updated_on(first))
            elif not (is_blank(row) or first.startswith(DATABASE)):
                yield from self.corridor(path, line, row, columns, periods)
        check_last_updated(self, path, *(updated or (None, None)))

    def corridor(self, path: Path, line: int, row: list[Any], columns: list[int],
                 periods: dict[int, str]) -> Iterator[Figure]:
        """The costs of one corridor, one figure per round it was surveyed in."""
        if len(row) <= max(periods):
            self.problem(path, line, f"the row has {len(row)} columns, the header "
                         f"{max(periods) + 1}: is the file cut short?")
            return
        sending, series, receiving = (text(row[index]) for index in columns)
        if series != self.series:
            self.problem(path, line, f"series {series!r}, but {self.name} reads {self.series}")
            return
        for index, period in periods.items():
            try:
                reading = read_number(row[index])
            except NotANumber as error:
                self.problem(path, line, f"{sending} → {receiving} {period}: {error}")
                continue
            if reading.value is not None:
                yield Figure("REMIT_COST", receiving, period, reading.value, line=line,
                             origin=sending, status=reading.status)
