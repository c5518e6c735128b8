"""UNHCR Global Trends 2015, annex Tables 1 and 2: populations of concern at end-2015.

Table 1 (sheet Tab1) gives each population type by country or territory of asylum,
Table 2 (sheet Tab2) by origin. Both end with the world total and two blocks of
aggregates ("UNHCR-Bureaux", "UN major regions"), whose names are read as
"<block>: <name>" because the same name ("Europe") means different areas in each.
Country names carry footnote numbers glued to them ("Algeria10"), which are dropped.

Conventions (see SOURCES-unhcr-idmc.md):

- Table 1 figures are stored at the country of asylum with no origin; Table 2 figures
  at the world (every country of asylum) with the origin. From Table 2 only refugees,
  asylum-seekers, others of concern and the total are taken: its IDPs, returnees and
  stateless persons repeat Table 1 (they are counted where they live or returned to).
- Refugees are the "Total refugees and people in refugee-like situations" column.
- The tables print a dash for "zero, not available or not applicable" (the cell holds
  0), so a 0 is not stored. The repeated "Total" rows must equal the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from python_calamine import CalamineWorkbook

from crossroads.evidence.importers.base import Figure, Importer, ReleaseSpec
from crossroads.evidence.importers.registry import register
from crossroads.evidence.importers.unhcr.common import ORIGIN_NOTE, WORLD, unhcr_source
from crossroads.evidence.importers.values import NotANumber, read_number

FILE = "unhcr_global_trends_2015/15-WRD-tab_v3.xlsx"
YEAR = "2015"
#: Column headings (footnote numbers removed) and the indicator each one feeds.
COLUMNS = {
    "Total refugees and people in refugee-like situations": "REFUGEES",
    "Asylum-seekers (pending cases)": "ASYLUM_SEEKERS",
    "Returned refugees": "RETURNED_REFUGEES",
    "IDPs protected/ assisted by UNHCR, incl. people in IDP-like situations": "IDPS_UNHCR",
    "Returned IDPs": "RETURNED_IDPS",
    "Persons under UNHCR's statelessness mandate": "STATELESS",
    "Others of concern to UNHCR": "OTHERS_OF_CONCERN",
    "Total population of concern": "POC_TOTAL",
}
BY_ORIGIN = {"REFUGEES", "ASYLUM_SEEKERS", "OTHERS_OF_CONCERN", "POC_TOTAL"}
FOOTNOTE = re.compile(r"(?<=[^\d\s])\s?\d{1,2}$")
TOTAL = "Total"
END = "Notes"


@dataclass(frozen=True)
class Table:
    """One annex table: its sheet, the heading of its first column, and what it gives."""

    sheet: str
    first_heading: str
    by_origin: bool
    indicators: frozenset[str] = field(default_factory=frozenset)


TABLES = (
    Table("Tab1", "Country/territory of asylum", False, frozenset(COLUMNS.values())),
    Table("Tab2", "Origin", True, frozenset(BY_ORIGIN)),
)


def clean_label(cell: object) -> str:
    """A row or column label without its footnote number, dash or stray spaces."""
    text = " ".join(str(cell).split())
    return FOOTNOTE.sub("", text).removeprefix("- ").strip()


@register
class UnhcrGlobalTrends2015(Importer):
    """UNHCR Global Trends 2015 annex: populations of concern by asylum and by origin."""

    name = "unhcr-global-trends-2015"
    description = "UNHCR Global Trends 2015 annex, Tables 1 and 2 (end-2015, by asylum and origin)"
    source = unhcr_source(
        "unhcr-global-trends", "UNHCR Global Trends (statistical annex)",
        coverage="Every country and territory of asylum and of origin, UNHCR bureaux and UN "
                 "major regions, world total; end of year.",
        periodicity="Annual (published each June for the previous year)",
        quality=("All data are provisional and subject to change (UNHCR). A dash in the tables "
                 "means zero, not available or not applicable: no figure is stored for it. "
                 "Some countries' figures relate to end-2014 (see the table footnotes). "
                 f"{ORIGIN_NOTE}"),
    )
    release = ReleaseSpec(
        "unhcr-global-trends-2015", "UNHCR Global Trends 2015: annex tables (version 3)",
        "2015", date(2016, 6, 20),
        notes="Global Trends: Forced Displacement in 2015, published 20 June 2016; annex "
              "workbook 15-WRD-tab_v3.xlsx, Tables 1 and 2.",
    )
    files = (FILE,)

    def read(self, path: Path) -> Iterator[Figure]:
        workbook = CalamineWorkbook.from_path(str(path))
        world: dict[str, float | None] = {}
        for table in TABLES:
            if table.sheet not in workbook.sheet_names:
                self.problem(path, None, f"sheet {table.sheet} not found")
                continue
            rows = workbook.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
            yield from self.read_table(path, table, rows, world)

    def read_table(self, path: Path, table: Table, rows: Sequence[Sequence[object]],
                   world: dict[str, float | None]) -> Iterator[Figure]:
        """The figures of one sheet; ``world`` holds the world total to compare repeats with."""
        where = f"{path.name} [{table.sheet}]"
        header = next((i for i, row in enumerate(rows)
                       if row and clean_label(row[0]).startswith(table.first_heading)), None)
        if header is None:
            self.problem(where, None, f"no heading row starting {table.first_heading!r}")
            return
        columns = self.columns(where, header + 1, rows[header])
        block = ""
        in_blocks: dict[str, dict[str, float | None]] = {}
        for index in range(header + 1, len(rows)):
            row, line = rows[index], index + 1
            label = clean_label(row[0]) if row else ""
            if label == END:
                break
            values = [cell for cell in row[1:] if cell not in ("", None)]
            if not label or not values:
                block = label or block  # a block heading, or a blank line between blocks
                continue
            figures = self.row_figures(where, line, row, columns, table)
            if label == TOTAL:
                if not self.repeats_world_total(where, line, figures, world):
                    yield from self.figures(line, figures, WORLD, None)
                continue
            if block and self.repeated(label, figures, in_blocks):
                continue  # the same row again in the next block ("Various/Stateless")
            name = f"{block}: {label}" if block else label
            area, origin = (WORLD, name) if table.by_origin else (name, None)
            yield from self.figures(line, figures, area, origin)

    @staticmethod
    def repeated(label: str, figures: dict[str, float | None],
                 seen: dict[str, dict[str, float | None]]) -> bool:
        """Whether an earlier block has a row of the same name with the same figures."""
        earlier = seen.setdefault(label, figures)
        return earlier is not figures and earlier == figures

    @staticmethod
    def figures(line: int, figures: dict[str, float | None], area: str,
                origin: str | None) -> Iterator[Figure]:
        """The figures of one row (a 0 stands for a dash: no figure)."""
        for indicator, value in figures.items():
            if value:  # a dash in the printed table: zero, not available or not applicable
                yield Figure(indicator, area, YEAR, value, line=line, origin=origin)

    def columns(self, where: str, line: int, heading: Sequence[object]) -> dict[int, str]:
        """The position of each indicator's column in the heading row."""
        found = {clean_label(cell): position for position, cell in enumerate(heading)}
        missing = [name for name in COLUMNS if name not in found]
        if missing:
            self.problem(where, line, f"columns not found: {', '.join(missing)}")
        return {found[name]: indicator for name, indicator in COLUMNS.items() if name in found}

    def row_figures(self, where: str, line: int, row: Sequence[object], columns: dict[int, str],
                    table: Table) -> dict[str, float | None]:
        """The numbers of one row, by indicator (cells that are not numbers are problems)."""
        figures: dict[str, float | None] = {}
        for position, indicator in columns.items():
            if indicator not in table.indicators:
                continue
            cell = row[position] if position < len(row) else None
            try:
                figures[indicator] = read_number(cell).value
            except NotANumber as error:
                self.problem(where, line, f"{indicator}: {error}")
        return figures

    def repeats_world_total(self, where: str, line: int, figures: dict[str, float | None],
                            world: dict[str, float | None]) -> bool:
        """Whether a "Total" row repeats the first one (the world); a differing one is a problem."""
        if not world:
            world.update(figures)
            return False
        for indicator, value in figures.items():
            if world.get(indicator) != value:
                self.problem(where, line, f"{indicator}: this total ({value}) differs from the "
                             f"world total given first ({world.get(indicator)})")
        return True
