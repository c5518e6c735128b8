"""World Development Indicators: remittances received and paid, GDP, population.

Each file is a download of one WDI series at one update of the database, so each is
its own release, dated by the file's "Last Updated Date" line. Economies are
identified by their WDI codes: ISO alpha-3 for countries (Kosovo is XKX), World
Bank codes for aggregates (``WLD`` is the world, ``ECS`` Europe & Central Asia…),
mapped to areas by ``data/crosswalk/worldbank.csv``. An empty cell means the WDI
has no figure for that year: nothing is stored for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.values import NotANumber, read_number
from crossroads.evidence.importers.worldbank.sources import (
    WDI,
    check_last_updated,
    is_blank,
    numbered_rows,
    text,
)

YEAR = re.compile(r"^(\d{4})(\.0)?$")
UPDATED = "Last Updated Date"
WIDE_HEADER = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
LONG_HEADER = ("Country Name", "Country Code", "Year", "Value")


def as_date(cell: Any) -> date | None:
    """The date in a cell: a spreadsheet date or ISO text, None if it is neither."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    try:
        return date.fromisoformat(text(cell))
    except ValueError:
        return None


class WdiSeries(Importer):
    """One WDI series as the World Bank downloads it: an economy per row, a year per column.

    The Excel download (sheet "Data") and the CSV download have the same layout: a few
    lines about the file (with the "Last Updated Date"), then the header row.
    """

    source = WDI
    indicator: ClassVar[str]
    #: The WDI series code every row must carry (a file of another series is refused).
    series: ClassVar[str]

    def read(self, path: Path) -> Iterator[Figure]:
        sheet = "Data" if path.suffix.lower() in (".xls", ".xlsx") else None
        rows = numbered_rows(path, sheet)
        years = self.read_preamble(path, rows)
        if years is None:
            return
        for line, row in rows:
            if not is_blank(row):
                yield from self.row_figures(path, line, row, years)

    def read_preamble(self, path: Path,
                      rows: Iterator[tuple[int, list[Any]]]) -> dict[int, str] | None:
        """Check the file's date and find its header: the column of each year, or None."""
        updated: tuple[int, date | None] | None = None
        for line, row in rows:
            first = text(row[0]) if row else ""
            if first == UPDATED:
                updated = (line, as_date(row[1]) if len(row) > 1 else None)
            elif tuple(text(cell) for cell in row[:4]) == WIDE_HEADER:
                check_last_updated(self, path, *(updated or (line, None)))
                return {index: match.group(1) for index, cell in enumerate(row)
                        if (match := YEAR.match(text(cell)))}
        self.problem(path, None, "no header row (Country Name, Country Code, Indicator Name, "
                     "Indicator Code, years…): not a WDI download")
        return None

    def row_figures(self, path: Path, line: int, row: list[Any],
                    years: dict[int, str]) -> Iterator[Figure]:
        """The figures of one economy's row (its empty years have none)."""
        if len(row) <= max(years, default=0):
            self.problem(path, line, f"the row has {len(row)} columns, the header "
                         f"{max(years) + 1}: is the file cut short?")
            return
        code, series = text(row[1]), text(row[3])
        if series != self.series:
            self.problem(path, line, f"series {series!r}, but {self.name} reads {self.series}")
            return
        if not code:
            self.problem(path, line, "the row has no Country Code")
            return
        for index, year in years.items():
            try:
                reading = read_number(row[index])
            except NotANumber as error:
                self.problem(path, line, f"{code} {year}: {error}")
                continue
            if reading.value is not None:
                yield Figure(self.indicator, code, year, reading.value, line=line,
                             status=reading.status)


@register
class RemittancesReceived(WdiSeries):
    """Personal remittances received, current US$ (BX.TRF.PWKR.CD.DT)."""

    name = "wb-remittances-in"
    description = "WDI personal remittances received, current US$ (BX.TRF.PWKR.CD.DT)"
    indicator = "REMIT_IN"
    series = "BX.TRF.PWKR.CD.DT"
    files = ("worldbank_wdi/API_BX.TRF.PWKR.CD.DT_DS2_en_excel_v2_6000901.xls",)
    release = ReleaseSpec(
        "wb-wdi-remit-in-2023-10",
        "World Development Indicators: personal remittances received (update of 26 October 2023)",
        "WDI 2023-10-26", date(2023, 10, 26),
        notes="Excel download of BX.TRF.PWKR.CD.DT, 1960-2022; date from its 'Last Updated "
              "Date' line.",
    )


@register
class RemittancesPaid(WdiSeries):
    """Personal remittances paid, current US$ (BM.TRF.PWKR.CD.DT)."""

    name = "wb-remittances-out"
    description = "WDI personal remittances paid, current US$ (BM.TRF.PWKR.CD.DT)"
    indicator = "REMIT_OUT"
    series = "BM.TRF.PWKR.CD.DT"
    files = ("worldbank_wdi/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv",)
    release = ReleaseSpec(
        "wb-wdi-remit-out-2021-09",
        "World Development Indicators: personal remittances paid (update of 15 September 2021)",
        "WDI 2021-09-15", date(2021, 9, 15),
        notes="CSV download of BM.TRF.PWKR.CD.DT, 1960-2020; date from its 'Last Updated "
              "Date' line.",
    )


@register
class GrossDomesticProduct(WdiSeries):
    """GDP, current US$ (NY.GDP.MKTP.CD)."""

    name = "wb-gdp"
    description = "WDI GDP, current US$ (NY.GDP.MKTP.CD)"
    indicator = "GDP"
    series = "NY.GDP.MKTP.CD"
    files = ("worldbank_wdi/API_NY.GDP.MKTP.CD_DS2_en_excel_v2_5795872.xls",)
    release = ReleaseSpec(
        "wb-wdi-gdp-2023-07",
        "World Development Indicators: GDP (update of 25 July 2023)",
        "WDI 2023-07-25", date(2023, 7, 25),
        notes="Excel download of NY.GDP.MKTP.CD, 1960-2022; date from its 'Last Updated "
              "Date' line.",
    )


@register
class Population(Importer):
    """Total population (SP.POP.TOTL) in long form: Country Name, Country Code, Year, Value.

    The file (datasets/population on GitHub, unpivoted from the WDI CSV download) keeps
    only the years that have a value and carries no date of its own.
    """

    name = "wb-population"
    description = "WDI total population (SP.POP.TOTL), long CSV"
    source = WDI
    files = ("worldbank_wdi/SP.POP.TOTL_population.csv",)
    release = ReleaseSpec(
        "wb-wdi-pop-2025-07",
        "World Development Indicators: total population (update of July 2025)",
        "WDI 2025-07", date(2025, 7, 1),
        notes="The file carries no date. Its latest year is 2024, first published in the WDI "
              "update of 1 July 2025, so the file is from that update or a later one.",
    )

    def read(self, path: Path) -> Iterator[Figure]:
        rows = numbered_rows(path)
        line, header = next(rows, (1, []))
        if tuple(text(cell) for cell in header[:4]) != LONG_HEADER:
            self.problem(path, line, f"the header is {header[:4]}, expected {list(LONG_HEADER)}")
            return
        for line, row in rows:
            if is_blank(row):
                continue
            if len(row) < len(LONG_HEADER):
                self.problem(path, line, f"the row has {len(row)} columns, expected 4")
                continue
            try:
                reading = read_number(row[3])
            except NotANumber as error:
                self.problem(path, line, f"{text(row[1])} {text(row[2])}: {error}")
                continue
            if reading.value is not None:
                yield Figure("POP", text(row[1]), text(row[2]), reading.value, line=line,
                             status=reading.status)
